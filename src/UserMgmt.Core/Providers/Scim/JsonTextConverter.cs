using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Scim;

/// <summary>
/// An id or reference as text, whatever a service sent it as: RFC 7643 makes them strings, and some services send
/// numbers. A number reads as written, as <see cref="JsonText"/> reads it where a resource is put back; anything
/// else but a string reads as nothing.
/// </summary>
internal sealed class JsonTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                using (var number = JsonDocument.ParseValue(ref reader)) return number.RootElement.GetRawText();
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
