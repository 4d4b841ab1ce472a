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

    public static object Meta(int first, int size, int total) => new { page = size == 0 ? 0 : first / size, size, total };
}
