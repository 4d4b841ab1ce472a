namespace UserMgmt.Providers.Acceldata;

/// <summary>
/// The Acceldata guides and its OpenAPI spec disagree on the body of assign-groups/remove-groups;
/// tenants may accept only one of them.
/// </summary>
public enum GroupAssignmentShape
{
    /// <summary><c>{"groupIds":[..]}</c>, as in the vendor's guides.</summary>
    GroupIds,
    /// <summary><c>{"data":{"groups":[..]}}</c>, as in the vendor's OpenAPI spec.</summary>
    DataGroups,
}
