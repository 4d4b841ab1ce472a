using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Acceldata;

/// <summary>
/// Reads a flag written as a boolean, as the text "true"/"false" (any case), or as empty text or null
/// (no value). The API description types the flags boolean but nothing in the vendor's text pins it, and
/// one flag written otherwise must not make a whole page of users unreadable.
/// </summary>
internal sealed class LenientFlagConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.String when bool.TryParse(reader.GetString()?.Trim(), out var flag) => flag,
        JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()) => null,
        _ => throw new JsonException($"A flag must be true or false, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } flag) writer.WriteBooleanValue(flag);
        else writer.WriteNullValue();
    }
}
