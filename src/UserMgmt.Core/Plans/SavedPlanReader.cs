using System.Text.Json;
using System.Text.RegularExpressions;
using UserMgmt.Operations;

namespace UserMgmt.Plans;

/// <summary>
/// Reads a saved plan back, trusting nothing in it: the file may have been edited since New-ReorgPlan wrote
/// it. Every field is checked for type and value, and every change must be covered by a fingerprint, so that
/// the check for a platform that has moved since covers every change the plan makes.
/// </summary>
internal static partial class SavedPlanReader
{
    public static ReorgPlan Read(string path)
    {
        var (text, unreadable) = PlanFileText.Read(path, PlanLimits.MaxSavedPlanBytes, "saved plans");
        if (text is null) throw new InvalidDataException(unreadable!.ToString());
        ReorgPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<ReorgPlan>(text, ReorgPlan.Json);
        }
        catch (JsonException e)
        {
            var (field, reason) = Missing(e) ?? (Field(e.Path), Reason(e, Field(e.Path)));
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: {field}: {reason}", e);
        }
        if ((plan is null ? "the file holds null, not a saved plan." : FirstProblem(plan)) is { } problem)
            throw new InvalidDataException($"{path}: {problem}");
        return new ReorgPlan
        {
            SourceFile = plan!.SourceFile, ComputedAt = plan.ComputedAt, Changes = plan.Changes, Users = plan.Users, Groups = plan.Groups,
            Roles = plan.Roles, Origin = path,
        };
    }

    private static string? FirstProblem(ReorgPlan plan)
    {
        if (Unfit(plan.SourceFile) is { } file) return $"sourceFile: {file}";
        if (plan.Changes is null) return "changes: missing; a saved plan lists its changes, even none.";
        if (plan.Users is null) return "users: missing; a saved plan lists the fingerprints of its users.";
        if (plan.Groups is null) return "groups: missing; a saved plan lists the fingerprints of its groups.";
        foreach (var (email, fingerprint) in plan.Users)
            if ((Email(email) ?? Fingerprint(fingerprint)) is { } why) return $"users['{Excerpt.Of(email)}']: {why}";
        foreach (var (name, fingerprint) in plan.Groups)
            if ((Unfit(name) ?? Fingerprint(fingerprint)) is { } why) return $"groups['{Excerpt.Of(name)}']: {why}";
        if (plan.Roles is null) return "roles: null; a saved plan without roles leaves the field out.";
        foreach (var (name, fingerprint) in plan.Roles)
            if ((Unfit(name) ?? Fingerprint(fingerprint)) is { } why) return $"roles['{Excerpt.Of(name)}']: {why}";

        var users = new HashSet<string>(plan.Users.Keys, StringComparer.OrdinalIgnoreCase);
        var groups = new HashSet<string>(plan.Groups.Keys, StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<string>(plan.Roles.Keys, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < plan.Changes.Count; i++)
            if (ChangeProblem(plan.Changes[i], i + 1, users, groups, roles) is { } why) return $"changes[{i}]{why}";
        return null;
    }

    /// <summary>What is wrong with the change, starting with the field (".kind: ..."), or null.</summary>
    private static string? ChangeProblem(PlanChange? change, int order, HashSet<string> users, HashSet<string> groups, HashSet<string> roles)
    {
        if (change is null) return ": null, not a change.";
        if (change.Order != order) return $".order: {change.Order}, but changes are numbered in order from 1 and this is change {order}.";
        if (!Enum.IsDefined(change.Kind)) return $".kind: {(int)change.Kind} is not a kind of change.";
        var onGroup = change.Kind is ChangeKind.CreateGroup or ChangeKind.DeleteGroup;
        if ((onGroup ? Unfit(change.Target) : Email(change.Target)) is { } target) return $".target: {target}";
        if (!(onGroup ? groups : users).Contains(change.Target))
            return $".target: '{Excerpt.Of(change.Target)}' has no fingerprint in {(onGroup ? "groups" : "users")}, so a change to it since the plan was made would go unnoticed.";

        if (change.Kind is ChangeKind.AddMember or ChangeKind.RemoveMember)
        {
            if (Unfit(change.Group) is { } group) return $".group: {group}";
            if (!groups.Contains(change.Group!)) return $".group: '{Excerpt.Of(change.Group!)}' has no fingerprint in groups.";
        }
        if (change.Kind is ChangeKind.GrantRole or ChangeKind.RevokeRole)
        {
            if (Unfit(change.Role) is { } role) return $".role: {role}";
            if (!roles.Contains(change.Role!)) return $".role: '{Excerpt.Of(change.Role!)}' has no fingerprint in roles.";
        }
        if (change.Kind == ChangeKind.SetAttribute)
        {
            if (Unfit(change.Attribute) is { } attribute) return $".attribute: {attribute}";
            if (change.Values is null) return ".values: missing; an attribute is set to a list of values, perhaps empty.";
            for (var v = 0; v < change.Values.Count; v++)
                if (change.Values[v] is null || Unprintable(change.Values[v])) return $".values[{v}]: not a value of text.";
        }
        if (change.Description is { } description && Unprintable(description)) return ".description: holds control characters.";
        return null;
    }

    /// <summary>Why the text cannot name a user, group or attribute, or null if it can.</summary>
    private static string? Unfit(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "missing or empty." :
        Unprintable(text) ? "holds control characters." : null;

    private static string? Email(string? text) =>
        Unfit(text) ?? (InputText.IsValidEmail(text!) ? null : $"'{Excerpt.Of(text!)}' is not an email address.");

    private static string? Fingerprint(string? text) =>
        text is not null && FingerprintPattern().IsMatch(text) ? null : "the fingerprint is not one this module writes.";

    // Control characters would reach the terminal in every message that names the thing.
    private static bool Unprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\uFFFE' or '\uFFFF') return true;
        }
        return false;
    }

    // The serializer names a missing field only in its message, and reports the plan as a whole.
    private static (string Field, string Reason)? Missing(JsonException e) =>
        MissingPattern().Match(e.Message) is { Success: true } missing
            ? (missing.Groups[1].Value.Replace("'", ""), "missing; a saved plan has sourceFile, computedAt, changes, users and groups.")
            : null;

    // A path names the keys on the way, and a hostile key can be long.
    private static string Field(string? path) => path is null or "$" ? "the plan" : Excerpt.Of(path.StartsWith("$.") ? path[2..] : path, 120);

    // The serializer's own words name its types, and sometimes the type holding the field rather than the field's.
    private static string Reason(JsonException e, string field)
    {
        var message = e.Message;
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)) return $"expected {Expected(field)}.";
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)) return "a saved plan has no such field.";
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    private static string Expected(string field) => LastName(field) switch
    {
        "order" => "a whole number",
        "computedAt" => "a date and time",
        "changes" when field.EndsWith(']') => "a change",
        "changes" => "a list of changes",
        "values" when field.EndsWith(']') => "text",
        "values" => "a list of text",
        "users" or "groups" or "roles" when field.EndsWith(']') => "a fingerprint",
        "users" => "an object of email addresses and fingerprints",
        "groups" => "an object of group names and fingerprints",
        "roles" => "an object of role names and fingerprints",
        _ => "text",
    };

    // The last field named in a path such as changes[2].values[0]: here, values.
    private static string LastName(string field)
    {
        var name = field.EndsWith(']') && field.LastIndexOf('[') is >= 0 and var open ? field[..open] : field;
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex("missing required properties including: (.+)\\.$")]
    private static partial Regex MissingPattern();

    [GeneratedRegex("^([0-9A-F]{16}|absent)$")]
    private static partial Regex FingerprintPattern();
}
