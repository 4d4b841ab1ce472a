using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Plans;

/// <summary>
/// The changes a plan file needs against the live platform, and fingerprints of the users and groups
/// they were computed from, so that a saved plan can tell whether the platform has moved since.
/// </summary>
public sealed class ReorgPlan
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public required string SourceFile { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }
    public required IReadOnlyList<PlanChange> Changes { get; init; }
    /// <summary>Fingerprints of the users the plan touches, by email.</summary>
    public required IReadOnlyDictionary<string, string> Users { get; init; }
    /// <summary>Fingerprints of the groups the plan names (absent groups included), by name.</summary>
    public required IReadOnlyDictionary<string, string> Groups { get; init; }

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
            Part(Count(ChangeKind.SetAttribute), "attribute to set", "attributes to set");
            Part(Count(ChangeKind.DisableUser), "account to disable", "accounts to disable");
            Part(Count(ChangeKind.DeleteGroup), "group to delete", "groups to delete");
            return parts.Count == 0 ? "No changes: the platform already matches the plan" : string.Join(", ", parts);
        }
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static ReorgPlan Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ReorgPlan>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no plan.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a saved plan (line {e.LineNumber + 1}): {e.Message.Split(". ")[0]}.", e);
        }
    }

    public override string ToString() => $"{SourceFile}: {Summary}";
}
