using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Invites people to the platform, optionally straight into groups. Alias: Invite-User.</summary>
[Cmdlet(VerbsCommon.New, "UserInvitation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[Alias("Invite-User")]
[OutputType(typeof(OperationResult))]
public sealed class NewUserInvitationCommand : BulkCmdlet<InvitationRequest>
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName)]
    public string[]? Email { get; set; }

    /// <summary>Group names or ids; a "Contractors; Read-Only-Access" cell becomes two groups.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Groups, ParameterAliases.GroupName)]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string[]? Group { get; set; }

    /// <summary>Needed by platforms that keep names with the invitation (CCAI Platform requires a last name).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("first_name", "GivenName")]
    public string? FirstName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("last_name", "Surname")]
    public string? LastName { get; set; }

    /// <summary>Roles by name or id, on platforms that invite with roles (AppXite); a "Seller Admin; Product Manager" cell is two.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    public string[]? Role { get; set; }

    /// <summary>The organisations to invite into, by id, on platforms that have several (AppXite).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Organizations", "OrganizationIds", "Organisation", "Organisations")]
    public string[]? OrganizationId { get; set; }

    /// <summary>The identity provider the accounts sign in through, by name, prefix or id (AppXite).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Idp")]
    public string? IdentityProvider { get; set; }

    /// <summary>Send the platform's invitation email; a SendEmail column of TRUE/yes/1 does the same per row.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [LooseBoolean]
    public SwitchParameter SendEmail { get; set; }

    protected override string Operation => OperationNames.Invite;

    protected override IEnumerable<InvitationRequest> CreateRequests()
    {
        foreach (var email in RowValues.EachOrMissing(Email))
        {
            var (row, input) = NextRow(new Dictionary<string, object?> { ["Email"] = email, ["Group"] = Group, ["FirstName"] = FirstName, ["LastName"] = LastName,
                ["Role"] = Role, ["OrganizationId"] = OrganizationId, ["IdentityProvider"] = IdentityProvider, ["SendEmail"] = SendEmail.IsPresent });
            yield return new InvitationRequest(row, input, email, Group, SendEmail.IsPresent)
            {
                FirstName = FirstName, LastName = LastName, Roles = Role, Organizations = OrganizationId, IdentityProvider = IdentityProvider,
            };
        }
    }

    // A run nobody previews or confirms sends new addresses without looking each up, until the input shows known ones.
    internal override void BeforePlanning(CommandPlanner planner) => planner.LooksUpInvitees = KnownAddressInvited || PreviewsOrAsks();

    internal override Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<InvitationRequest> requests, CancellationToken cancellationToken) =>
        planner.PlanInvitationsAsync(requests, cancellationToken);
}
