using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Model;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Gets users by email or id, by search, by group or status, or all of them.</summary>
[Cmdlet(VerbsCommon.Get, "User", DefaultParameterSetName = ListSet)]
[OutputType(typeof(User))]
public sealed class GetUserCommand : UserMgmtCmdlet
{
    private const string IdentitySet = "Identity";
    private const string ListSet = "List";
    private const string MembersSet = "Members";

    /// <summary>Email addresses or ids of the users to get.</summary>
    [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Email, ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName, ParameterAliases.Id, ParameterAliases.UserId)]
    public string[] User { get; set; } = [];

    /// <summary>
    /// Groups whose members to get, by name or id, or Group objects from Get-Group. Only Group
    /// objects bind from the pipeline, so a user's own properties never name a group here.
    /// </summary>
    [Parameter(ParameterSetName = MembersSet, Mandatory = true, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public Group[] Group { get; set; } = [];

    /// <summary>Text to look for in email addresses and names.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = MembersSet)]
    public string? Search { get; set; }

    /// <summary>Only users in this state. Disabled and Inactive are the same state.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = MembersSet)]
    [ValidateSet(nameof(UserStatus.Active), "Disabled", nameof(UserStatus.Inactive), nameof(UserStatus.Invited))]
    public string? Status { get; set; }

    /// <summary>Page through every matching user instead of stopping at -First.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = MembersSet)]
    public SwitchParameter All { get; set; }

    /// <summary>How many users to get at most.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = MembersSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; } = DirectoryQueries.DefaultPageSize;

    /// <summary>How many matching users to leave out first, to read the next page.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = MembersSet)]
    [ValidateRange(0, int.MaxValue)]
    public int Skip { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        _inOrganizations = connection.Client.Capabilities is { HasGroups: false, InvitesIntoOrganizations: true };
        var queries = new DirectoryQueries(connection.Client, connection.Groups);
        var status = WantedStatus();
        if (status is { } wanted && !connection.Client.Capabilities.KnownStatuses.Contains(wanted))
            ThrowTerminatingError(new ErrorRecord(
                new NotSupportedException($"{connection.Platform} does not tell {Status} users apart: its users are "
                    + string.Join(" or ", connection.Client.Capabilities.KnownStatuses) + "."),
                "UserMgmt.StatusNotKnownToPlatform", ErrorCategory.NotImplemented, Status));

        switch (ParameterSetName)
        {
            case IdentitySet: WriteUsers(queries); break;
            case MembersSet:
                foreach (var group in Group)
                    if (FindGroup(queries, group) is { } found) ListUsers(queries, new UserQuery(Search, found, status));
                break;
            default: ListUsers(queries, new UserQuery(Search, null, status)); break;
        }
    }

    // "Disabled" is what Disable-User makes; the model calls that state Inactive.
    private UserStatus? WantedStatus() => Status is null ? null
        : Status.Equals("Disabled", StringComparison.OrdinalIgnoreCase) ? UserStatus.Inactive
        : Enum.Parse<UserStatus>(Status, ignoreCase: true);

    private void WriteUsers(DirectoryQueries queries)
    {
        foreach (var key in User)
        {
            var user = RunEngine(ct => queries.FindUserAsync(key, ct));
            if (user is not null) WriteUser(user);
            else WriteError(new ErrorRecord(new ItemNotFoundException($"No user has the email address or id '{key}'."),
                "UserMgmt.UserNotFound", ErrorCategory.ObjectNotFound, key));
        }
    }

    /// <summary>The group as the platform has it now; a group piped in may have been renamed since it was read.</summary>
    private Group? FindGroup(DirectoryQueries queries, Group group)
    {
        var found = RunEngine(ct => queries.ListGroupsAsync(group.Id, ct));
        if (found.Count > 0) return found[0];
        WriteError(new ErrorRecord(new ItemNotFoundException($"No group has the name or id '{group.Id}'."),
            "UserMgmt.GroupNotFound", ErrorCategory.ObjectNotFound, group));
        return null;
    }

    private bool _inOrganizations;

    /// <summary>
    /// Where the platform has organisations rather than groups, the user carries a type name of its own, so the table
    /// shows the organisations and roles in place of an always-empty Groups column.
    /// </summary>
    private void WriteUser(User user)
    {
        if (!_inOrganizations) { WriteObject(user); return; }
        var shown = PSObject.AsPSObject(user);
        shown.TypeNames.Insert(0, OrganizationsView);
        WriteObject(shown);
    }

    internal const string OrganizationsView = "UserMgmt.Model.User#Organizations";

    private void ListUsers(DirectoryQueries queries, UserQuery query)
    {
        int? limit = All ? null : First;
        var emitted = 0;
        var total = RunEngine(ct => queries.ListUsersAsync(query, Skip, limit, user =>
        {
            Interlocked.Increment(ref emitted);
            Dispatcher.Post(() => WriteUser(user));
        }, ct));
        if (total > Skip + emitted)
            WriteWarning($"Showing {emitted} of {total} users{(Skip > 0 ? $" after the first {Skip}" : "")}. Use -All to get them all, -Skip to read on, or -Search to narrow the list.");
    }
}
