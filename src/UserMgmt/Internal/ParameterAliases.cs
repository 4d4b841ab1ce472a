namespace UserMgmt.Commands.Internal;

/// <summary>
/// The column names spreadsheets and other tools use, so Import-Csv rows and objects from other
/// modules bind without renaming.
/// </summary>
internal static class ParameterAliases
{
    public const string Email = "Email";
    public const string Mail = "Mail";
    public const string EmailAddress = "EmailAddress";
    public const string UserPrincipalName = "UserPrincipalName";
    public const string Id = "Id";
    public const string UserId = "UserId";
    public const string Groups = "Groups";
    public const string GroupName = "GroupName";
}
