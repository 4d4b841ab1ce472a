using UserMgmt.Sandbox.Store;

namespace UserMgmt.Sandbox.Acceldata;

/// <summary>The JSON shapes of ADOC's users and groups.</summary>
internal static class WireShapes
{
    public static object User(UserRecord u) => new
    {
        userId = u.Id,
        email = u.Email,
        firstName = u.FirstName,
        lastName = u.LastName,
        enabled = u.Enabled,
        isEmailVerified = u.EmailVerified,
        attributes = u.Attributes,
        groups = u.Groups.Select(g => new { id = g.Id, name = g.Name }),
        roles = Array.Empty<object>(),
        scimManaged = u.ScimManaged,
        createdOn = u.CreatedOn,
        updatedOn = u.UpdatedOn,
        lastAccessOn = u.LastAccessOn,
    };

    public static object Group(GroupRecord g) => new
    {
        id = g.Id,
        name = g.Name,
        description = g.Description,
        membersCount = g.MembersCount,
        roles = Array.Empty<object>(),
        scimManaged = g.ScimManaged,
        createdAt = g.CreatedAt,
    };

    /// <summary>A group as its own endpoint answers (GroupDetails in the admin spec): with its members.</summary>
    public static object GroupDetails(GroupRecord g, IEnumerable<UserRecord> members) => new
    {
        id = g.Id,
        name = g.Name,
        description = g.Description,
        members = members.Select(Member),
        roles = Array.Empty<object>(),
        domainRoleMappings = Array.Empty<object>(),
        createdAt = g.CreatedAt,
    };

    /// <summary>A member in GroupDetails: the spec's UserRepresentation, of which only these fields carry values here.</summary>
    private static object Member(UserRecord u) => new
    {
        id = u.Id,
        username = u.Email,
        firstName = u.FirstName,
        lastName = u.LastName,
        email = u.Email,
        emailVerified = u.EmailVerified,
        enabled = u.Enabled,
        attributes = u.Attributes,
        groups = u.Groups.Select(g => g.Name),
    };

    public static object Meta(int first, int size, int total) => new { page = size == 0 ? 0 : first / size, size, total };
}
