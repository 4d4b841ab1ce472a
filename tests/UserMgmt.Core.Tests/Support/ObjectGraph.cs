using System.Reflection;

namespace UserMgmt.Tests.Support;

/// <summary>
/// The strings an object keeps reachable through the engine's own objects, RestSharp's and Polly's,
/// their collections and the closures their delegates hold: where a secret kept in clear would be.
/// </summary>
public static class ObjectGraph
{
    private static readonly string[] WalkedAssemblies = ["UserMgmt.Core", "RestSharp", "Polly.Core"];

    public static IEnumerable<string> Strings(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>([root]);
        while (pending.TryPop(out var item))
        {
            if (!seen.Add(item)) continue;
            if (item is string text)
            {
                yield return text;
                continue;
            }
            if (item is Array array)
            {
                if (!array.GetType().GetElementType()!.IsPrimitive)
                    foreach (var element in array)
                        if (element is not null) pending.Push(element);
                continue;
            }
            if (!Walked(item.GetType())) continue;
            for (var type = item.GetType(); type is not null; type = type.BaseType)
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    if (!field.FieldType.IsPointer && !field.FieldType.IsPrimitive && field.GetValue(item) is { } value)
                        pending.Push(value);
        }
    }

    private static bool Walked(Type type) =>
        WalkedAssemblies.Contains(type.Assembly.GetName().Name)
        || typeof(Delegate).IsAssignableFrom(type)
        || type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) == true
        || (type.IsGenericType && type.Namespace == "System" && type.Name.StartsWith("Tuple", StringComparison.Ordinal));
}
