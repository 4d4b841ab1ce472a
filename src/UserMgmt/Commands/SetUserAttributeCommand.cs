using System.Collections;
using System.Management.Automation;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>
/// Sets user attributes, from -Attribute @{department='X'} or from the common columns a spreadsheet
/// has (Department, Title, ...). Each value is a list: "A; B" sets two values.
/// </summary>
[Cmdlet(VerbsCommon.Set, "UserAttribute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OperationResult))]
public sealed class SetUserAttributeCommand : BulkCmdlet<AttributeRequest>
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Email, ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName, ParameterAliases.Id, ParameterAliases.UserId)]
    public string[]? User { get; set; }

    /// <summary>
    /// Attribute names and values; a value may be a single string or a list. Taken from the pipeline too,
    /// so a failed row made from the command line ($failed.TargetObject) carries it when piped back.
    /// </summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public IDictionary? Attribute { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Department { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("JobTitle")]
    public string? Title { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Office")]
    public string? Location { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Manager { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? CostCenter { get; set; }

    protected override string Operation => OperationNames.SetAttribute;

    protected override IEnumerable<AttributeRequest> CreateRequests()
    {
        var attributes = CollectAttributes();
        foreach (var user in RowValues.EachOrMissing(User))
        {
            var (row, input) = NextRow(new Dictionary<string, object?> { ["User"] = user, ["Attribute"] = Attribute,
                ["Department"] = Department, ["Title"] = Title, ["Location"] = Location, ["Manager"] = Manager, ["CostCenter"] = CostCenter });
            yield return new AttributeRequest(row, input, user, attributes);
        }
    }

    internal override Task<CommandPlan> PlanAsync(CommandPlanner planner, IReadOnlyList<AttributeRequest> requests, CancellationToken cancellationToken) =>
        planner.PlanAttributesAsync(requests, cancellationToken);

    private Dictionary<string, IReadOnlyList<string>> CollectAttributes()
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Attribute ?? new Hashtable())
            attributes[entry.Key.ToString()!] = InputText.SplitList(Values(entry.Value));
        // Attribute names as the platforms spell them.
        AddColumn(attributes, "department", Department);
        AddColumn(attributes, "title", Title);
        AddColumn(attributes, "location", Location);
        AddColumn(attributes, "manager", Manager);
        AddColumn(attributes, "costCenter", CostCenter);
        return attributes;
    }

    // An empty cell says nothing about that person (a column filled for some rows only), so it never
    // clears the attribute; clearing takes -Attribute @{ title = '' }, which is explicit.
    private static void AddColumn(Dictionary<string, IReadOnlyList<string>> attributes, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) attributes[name] = InputText.SplitList([value]);
    }

    private static IEnumerable<string?> Values(object? value) => LanguagePrimitives.GetEnumerable(value) is { } many
        ? many.Cast<object?>().Select(v => v?.ToString())
        : [value?.ToString()];
}
