using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Plans;

/// <summary>
/// The changes a plan file needs against the live platform, and fingerprints of the users and groups
/// they were computed from, so that a saved plan can tell whether the platform has moved since.
/// </summary>
public sealed class ReorgPlan
{
    // Strict on reading: a saved plan may have been edited, so nothing unknown and no number in quotes passes.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new ChangeKindJsonConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The plan file it was computed from, as it was named then; shown, never used as a path.</summary>
    public required string SourceFile { get; init; }

    /// <summary>
    /// The file the user named for this plan: the plan file it was computed from, or the saved plan it was
    /// read from; its journal goes beside it. Never read from inside a saved plan, so an edited one cannot
    /// choose where anything is written.
    /// </summary>
    [JsonIgnore]
    public string Origin { get; internal init; } = "";

    public required DateTimeOffset ComputedAt { get; init; }
    public required IReadOnlyList<PlanChange> Changes { get; init; }
    /// <summary>Fingerprints of the users the plan touches, by email.</summary>
    public required IReadOnlyDictionary<string, string> Users { get; init; }
    /// <summary>Fingerprints of the groups the plan names (absent groups included), by name.</summary>
    public required IReadOnlyDictionary<string, string> Groups { get; init; }
    /// <summary>Fingerprints of the roles the plan names, by name: who holds each. Plans without roles have none.</summary>
    public IReadOnlyDictionary<string, string> Roles { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the plan asks that is left out of <see cref="Changes"/>, and why; said when the plan is made, never saved.</summary>
    [JsonIgnore]
    public IReadOnlyList<PlanNote> Notes { get; init; } = [];

    /// <summary>"2 groups to create, 14 memberships to add, 14 to remove, 6 attributes to set".</summary>
    [JsonIgnore]
    public string Summary
    {
        get
        {
            int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);
            var parts = new List<string>();
            void Part(int n, string singular, string plural) { if (n > 0) parts.Add($"{n} {(n == 1 ? singular : plural)}"); }
            Part(Count(ChangeKind.CreateGroup), "group to create", "groups to create");
            Part(Count(ChangeKind.AddMember), "membership to add", "memberships to add");
            Part(Count(ChangeKind.RemoveMember), "membership to remove", "memberships to remove");
            Part(Count(ChangeKind.GrantRole), "role to grant", "roles to grant");
            Part(Count(ChangeKind.RevokeRole), "role to revoke", "roles to revoke");
            Part(Count(ChangeKind.SetAttribute), "attribute to set", "attributes to set");
            Part(Count(ChangeKind.DisableUser), "account to disable", "accounts to disable");
            Part(Count(ChangeKind.DeleteGroup), "group to delete", "groups to delete");
            return parts.Count == 0 ? "No changes: the platform already matches the plan" : string.Join(", ", parts);
        }
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a saved plan; a problem with any field is an <see cref="InvalidDataException"/> naming the file and the field.</summary>
    public static ReorgPlan Load(string path) => SavedPlanReader.Read(path);

    public override string ToString() => $"{SourceFile}: {Summary}";
}
