using System.Management.Automation;
using UserMgmt.Operations;

namespace UserMgmt.Commands.Internal;

/// <summary>
/// Lets a true/false parameter take the text spreadsheets hold — "TRUE", "yes", "1", "no", "0" —
/// where PowerShell alone would take any non-empty text, "FALSE" included, as true. Empty text is no value.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class LooseBooleanAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text) return value;
        if (string.IsNullOrWhiteSpace(text)) return null;
        return InputText.ParseFlag(text) ?? throw new ArgumentTransformationMetadataException(
            $"'{text}' is not a yes/no value; use true/false, yes/no or 1/0.");
    }
}
