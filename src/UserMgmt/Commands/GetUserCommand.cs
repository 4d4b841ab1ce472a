using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Model;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>Gets users by email or id, by search, or all of them.</summary>
[Cmdlet(VerbsCommon.Get, "User", DefaultParameterSetName = ListSet)]
[OutputType(typeof(User))]
public sealed class GetUserCommand : UserMgmtCmdlet
{
    private const string IdentitySet = "Identity";
    private const string ListSet = "List";

    /// <summary>Email addresses or ids of the users to get.</summary>
    [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Email, ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName, ParameterAliases.Id, ParameterAliases.UserId)]
    public string[] User { get; set; } = [];

    /// <summary>Text to look for in email addresses and names.</summary>
    [Parameter(ParameterSetName = ListSet)]
    public string? Search { get; set; }

    /// <summary>Page through every matching user instead of stopping at -First.</summary>
    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; } = DirectoryQueries.DefaultPageSize;

    protected override void ProcessRecord()
    {
        var queries = new DirectoryQueries(ResolveConnection().Client);
        if (ParameterSetName == IdentitySet) WriteUsers(queries);
        else ListUsers(queries);
    }

    private void WriteUsers(DirectoryQueries queries)
    {
        foreach (var key in User)
        {
            var user = RunEngine(ct => queries.FindUserAsync(key, ct));
            if (user is not null) WriteObject(user);
            else WriteError(new ErrorRecord(new ItemNotFoundException($"No user has the email address or id '{key}'."),
                "UserMgmt.UserNotFound", ErrorCategory.ObjectNotFound, key));
        }
    }

    private void ListUsers(DirectoryQueries queries)
    {
        int? limit = All ? null : First;
        var emitted = 0;
        var total = RunEngine(ct => queries.ListUsersAsync(Search, limit, user =>
        {
            Interlocked.Increment(ref emitted);
            Dispatcher.Post(() => WriteObject(user));
        }, ct));
        if (total > emitted)
            WriteWarning($"Showing {emitted} of {total} users. Use -All to get them all, or -Search to narrow the list.");
    }
}
