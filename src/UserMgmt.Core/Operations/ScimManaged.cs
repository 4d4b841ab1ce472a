namespace UserMgmt.Operations;

/// <summary>
/// Why a platform refuses changes to what an identity provider manages through SCIM, in one wording
/// for every planner: said when planning, so -WhatIf tells what the real run will do.
/// </summary>
internal static class ScimManaged
{
    public static string User(string email, string platform) =>
        $"{email} is managed by SCIM: {platform} takes changes to it only from its identity provider.";

    public static string Group(string group, string platform) =>
        $"Group '{group}' is managed by SCIM: {platform} takes changes to it or its members only from its identity provider.";

    public static string Groups(IReadOnlyList<string> groups, string platform) => groups.Count == 1
        ? Group(groups[0], platform)
        : $"Groups {PlannedStep.Quote(groups)} are managed by SCIM: {platform} takes changes to them or their members only from its identity provider.";
}
