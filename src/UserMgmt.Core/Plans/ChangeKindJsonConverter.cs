using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Plans;

/// <summary>
/// A change kind in a saved plan is one of the kinds, by name. The general enum converter would also take a
/// number (42 becomes a kind that does not exist) or a list such as "RemoveMember, AddMember", which it
/// combines into a third kind.
/// </summary>
internal sealed class ChangeKindJsonConverter : JsonConverter<ChangeKind>
{
    public override ChangeKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        foreach (var kind in Enum.GetValues<ChangeKind>())
            if (string.Equals(kind.ToString(), name, StringComparison.OrdinalIgnoreCase)) return kind;
        throw new JsonException($"expected one of {string.Join(", ", Enum.GetNames<ChangeKind>())}.");
    }

    public override void Write(Utf8JsonWriter writer, ChangeKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
