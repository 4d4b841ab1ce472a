namespace UserMgmt.Sandbox.Access;

/// <summary>What a key may do on the emulated platforms.</summary>
public enum KeyScope { ReadWrite, ReadOnly }

/// <summary>Who made a call, known once their key has been checked; nothing past the key check runs without one.</summary>
public sealed record Caller(string Key, KeyScope Scope)
{
    private const string Item = "sandbox.caller";

    public static Caller? Of(HttpContext context) => context.Items[Item] as Caller;

    public void AttachTo(HttpContext context) => context.Items[Item] = this;

    /// <summary>
    /// Decided by the method, not by a list of routes, so a write route added later is covered:
    /// every emulated API reads with GET alone.
    /// </summary>
    public bool May(string method) => Scope == KeyScope.ReadWrite || HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
