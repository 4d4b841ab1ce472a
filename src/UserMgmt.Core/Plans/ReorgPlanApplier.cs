using System.Collections.Concurrent;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Providers;

namespace UserMgmt.Plans;

/// <summary>
/// Applies approved plan changes through the bulk engine in dependency order: groups are created
/// first, then memberships, roles, attributes and accounts change, and groups are deleted last. A failed
/// change does not stop the others; changes that depend on a group that could not be created are
/// reported as not done.
/// </summary>
public sealed class ReorgPlanApplier(IUserProvider provider, Action<OperationResult> report, ExecutionOptions? options = null)
{
    public async Task ApplyAsync(IReadOnlyList<PlanChange> changes, CancellationToken cancellationToken)
    {
        var settled = new ConcurrentDictionary<int, bool>();
        try
        {
            await ApplyInOrderAsync(changes, result => { settled.TryAdd(result.Row, true); report(result); }, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever stopped the run (a lost platform, Ctrl+C, a read that failed between phases), every change still gets its result.
            var reason = e is OperationCanceledException ? "the command was stopped" : e.Message;
            foreach (var change in changes.Where(c => !settled.ContainsKey(c.Order))) report(new PlanChangeRequest(change).NotDone(reason));
            throw;
        }
    }

    private async Task ApplyInOrderAsync(IReadOnlyList<PlanChange> changes, Action<OperationResult> settle, CancellationToken cancellationToken)
    {
        var failedGroups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Callers refuse such plans before approval; a change the platform cannot make still never reaches it.
        foreach (var change in changes.Where(c => ReorgPlanner.Refusal(c, provider.Capabilities) is not null))
        {
            var request = new PlanChangeRequest(change);
            settle(request.Settled(request.Operation, OperationStatus.Failed, ReorgPlanner.Refusal(change, provider.Capabilities) + "."));
            if (change.Kind == ChangeKind.CreateGroup) failedGroups.Add(change.Target);
        }
        changes = changes.Where(c => ReorgPlanner.Refusal(c, provider.Capabilities) is null).ToList();
        var creations = changes.Where(c => c.Kind == ChangeKind.CreateGroup).ToList();
        await RunAsync(creations.Select(c => (PlannedStep)new CreateGroupStep(new NewGroupRequest(c.Order, c, c.Target, c.Description), c.Target)).ToList(),
            result => { if (result.Status != OperationStatus.Succeeded) failedGroups.Add(result.Target); settle(result); }, cancellationToken);

        var rest = changes.Where(c => c.Kind != ChangeKind.CreateGroup).ToList();
        var blocked = rest.Where(c => c.Group is not null && failedGroups.Contains(c.Group)).ToList();
        foreach (var change in blocked) settle(new PlanChangeRequest(change).NotDone($"group '{change.Group}' could not be created"));
        rest = rest.Except(blocked).ToList();

        var directory = await DirectorySnapshot.ReadAsync(provider, cancellationToken, rest.Select(c => c.Group ?? "").Where(g => g.Length > 0));
        var groups = directory.GroupsByName.ToDictionary(g => g.Key, g => g.Value, StringComparer.OrdinalIgnoreCase);
        var steps = new List<(PlanChange Change, PlannedStep? Step)>();
        foreach (var change in rest) steps.Add((change, StepFor(change, directory, groups)));
        foreach (var (change, _) in steps.Where(s => s.Step is null))
            settle(new PlanChangeRequest(change).NotDone("its user or group no longer exists"));

        // Memberships, attributes and accounts are independent of one another; deletions come last.
        var ready = steps.Where(s => s.Step is not null).Select(s => s.Step!).ToList();
        await RunAsync(ready.Where(s => s is not DeleteGroupStep).ToList(), settle, cancellationToken);
        await RunAsync(ready.OfType<DeleteGroupStep>().Cast<PlannedStep>().ToList(), settle, cancellationToken);
    }

    private async Task RunAsync(IReadOnlyList<PlannedStep> steps, Action<OperationResult> settle, CancellationToken cancellationToken)
    {
        if (steps.Count == 0) return;
        await new PlanExecutor(provider, settle, options).ApplyAsync(steps, cancellationToken);
    }

    private static PlannedStep? StepFor(PlanChange change, DirectorySnapshot directory, Dictionary<string, Group> groups)
    {
        var request = new PlanChangeRequest(change);
        User? user = change.Kind is ChangeKind.DeleteGroup ? null : directory.UsersByEmail.GetValueOrDefault(change.Target);
        Group? group = change.Group is null ? null : groups.GetValueOrDefault(change.Group);
        return change.Kind switch
        {
            ChangeKind.AddMember or ChangeKind.RemoveMember when user is not null && group is not null =>
                new MembershipStep(request, user, [group], change.Kind == ChangeKind.AddMember, request.Operation),
            ChangeKind.GrantRole or ChangeKind.RevokeRole when user is not null =>
                new RoleStep(request, user, change.Role!, change.Kind == ChangeKind.GrantRole, request.Operation),
            ChangeKind.SetAttribute when user is not null =>
                new AttributeStep(new AttributeRequest(change.Order, change, change.Target, Attributes(change)), user, Attributes(change)),
            ChangeKind.DisableUser when user is not null => new UserStateStep(new UserStateRequest(change.Order, change, change.Target), user, enable: false),
            ChangeKind.DeleteGroup when groups.GetValueOrDefault(change.Target) is { } doomed => new DeleteGroupStep(request, doomed),
            _ => null,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> Attributes(PlanChange change) =>
        new(StringComparer.OrdinalIgnoreCase) { [change.Attribute!] = change.Values };
}
