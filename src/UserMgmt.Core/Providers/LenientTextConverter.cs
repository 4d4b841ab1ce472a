using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers;

// A platform may send as a number what its API calls text (an id, a member's value): one value in another form must not
// make a whole page of users or groups unreadable.

/// <summary>Text sent as a string, a number or a boolean; null, an object or a list is no text.</summary>
internal sealed class LenientTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return reader.GetString();
            case JsonTokenType.Number: return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            case JsonTokenType.StartObject or JsonTokenType.StartArray: reader.Skip(); return null;
            default: return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
