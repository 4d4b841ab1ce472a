namespace UserMgmt.PowerShell.Tests.Coverage;

/// <summary>
/// Marks a test as one that runs this cmdlet in this parameter set ("__AllParameterSets" for a cmdlet
/// with none), so the coverage test can show every cmdlet × parameter set is run by some test.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CoversAttribute(string cmdlet, string parameterSet = CoversAttribute.AllSets) : Attribute
{
    public const string AllSets = "__AllParameterSets";

    public string Cmdlet { get; } = cmdlet;
    public string ParameterSet { get; } = parameterSet;
}
