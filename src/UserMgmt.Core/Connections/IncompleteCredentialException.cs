namespace UserMgmt.Connections;

/// <summary>A credential that lacks what the platform signs in with, found before anything is sent; the message says what to give.</summary>
public sealed class IncompleteCredentialException(string message) : ArgumentException(message);
