using UserMgmt.Connections;
using UserMgmt.Sandbox.Variants;

namespace UserMgmt.Tests.Support;

/// <summary>
/// The Acceldata tenants a test runs against: the sandbox's strict default and each variant of a shape
/// the vendor's sources leave open, each with the connection a user of such a tenant would open.
/// </summary>
public static class AcceldataTenants
{
    /// <summary>"strict" and every Acceldata variant, by name.</summary>
    public static TheoryData<string> Variants() =>
    [
        "strict",
        nameof(SandboxVariant.AttributesPutReplaces),
        nameof(SandboxVariant.GroupCreateEnvelopeOnly),
        nameof(SandboxVariant.ErrorEnvelopeWith200),
        nameof(SandboxVariant.GroupIdsHoldNames),
        nameof(SandboxVariant.DataGroupsBody),
        nameof(SandboxVariant.PageSizeCapped),
        nameof(SandboxVariant.GroupCreateListShape),
    ];

    /// <summary>
    /// Puts the sandbox in the variant and connects as a user of such a tenant would: the group assignment
    /// body is the one thing the tenant decides and the client cannot find out for itself.
    /// </summary>
    public static async Task<UserMgmtConnection> ConnectAsync(TestSandbox sandbox, string variant, string membership = "UserGroups")
    {
        if (variant != "strict") sandbox.UseVariants(Enum.Parse<SandboxVariant>(variant));
        var shape = variant switch
        {
            nameof(SandboxVariant.GroupIdsHoldNames) => "GroupNames",
            nameof(SandboxVariant.DataGroupsBody) => "DataGroups",
            _ => "GroupIds",
        };
        // As a user writes them: -ProviderOption @{ GroupAssignmentShape = ...; MembershipCall = ... }
        return await sandbox.ConnectAsync(new Dictionary<string, object?> { ["GroupAssignmentShape"] = shape, ["MembershipCall"] = membership });
    }
}
