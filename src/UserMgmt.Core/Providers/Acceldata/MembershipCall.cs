namespace UserMgmt.Providers.Acceldata;

/// <summary>
/// Which call carries membership changes. The vendor's own pages change groups per user; only the
/// republished OpenAPI description changes a group's members in one call.
/// </summary>
public enum MembershipCall
{
    /// <summary>PUT users/{id}/assign-groups and remove-groups, one call per user, as every vendor page does.</summary>
    UserGroups,
    /// <summary>PUT groups/{id} with usersAdded/usersRemoved, many users per call, as only the OpenAPI copy documents.</summary>
    GroupMembers,
}
