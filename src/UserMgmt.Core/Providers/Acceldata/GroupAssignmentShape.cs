namespace UserMgmt.Providers.Acceldata;

/// <summary>
/// The vendor's sources disagree on the body of assign-groups/remove-groups; a tenant may accept only one
/// of them. See docs/providers/acceldata.md, D2, for why ids in groupIds are the default.
/// </summary>
public enum GroupAssignmentShape
{
    /// <summary><c>{"groupIds":[ids]}</c>, as the vendor's guides send it.</summary>
    GroupIds,
    /// <summary><c>{"groupIds":[names]}</c>, as the vendor's bulk-management example writes it.</summary>
    GroupNames,
    /// <summary><c>{"data":{"groups":[ids]}}</c>, as the republished OpenAPI description has it.</summary>
    DataGroups,
}
