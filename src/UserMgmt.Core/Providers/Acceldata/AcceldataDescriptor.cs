using UserMgmt.Connections;

namespace UserMgmt.Providers.Acceldata;

/// <summary>Acceldata Data Observability Cloud: key-pair headers, and choices where the vendor's sources disagree.</summary>
internal sealed class AcceldataDescriptor : ProviderDescriptor
{
    public const string GroupAssignmentShapeOption = "GroupAssignmentShape";
    public const string MembershipCallOption = "MembershipCall";

    public override string Name => "Acceldata";

    public override IReadOnlyList<AuthenticationKind> Authentication { get; } = [AuthenticationKind.KeyPair];

    public override ProviderCapabilities Capabilities => AcceldataProvider.PlatformCapabilities;

    public override IReadOnlyList<ProviderOption> Options { get; } =
    [
        new(GroupAssignmentShapeOption, "The body the tenant accepts for assign-groups/remove-groups.",
            nameof(GroupAssignmentShape.GroupIds), Enum.GetNames<GroupAssignmentShape>()),
        new(MembershipCallOption, "The call that adds users to groups and removes them: per user, or per group.",
            nameof(MembershipCall.UserGroups), Enum.GetNames<MembershipCall>()),
    ];

    public override IUserProvider Create(ConnectionSettings settings, ProviderOptions options) =>
        new AcceldataProvider(settings, options.Get<GroupAssignmentShape>(GroupAssignmentShapeOption), options.Get<MembershipCall>(MembershipCallOption));
}
