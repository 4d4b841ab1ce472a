using System.Text.Json;
using System.Text.Json.Serialization;
using UserMgmt.Operations;

namespace UserMgmt.Providers.Acceldata;

/// <summary>A flag as read: its value (null when the platform gave none), or the JSON it came as when no flag can be read from it.</summary>
internal readonly record struct LenientFlag(bool? Value, string? Unreadable = null)
{
    public bool IsTrue => Value == true;
    public bool IsFalse => Value == false;
}

/// <summary>
/// Reads a flag written as a boolean, as 1 or 0, as text the way a CSV flag is read (InputText.ParseFlag), or as empty
/// text or null (no value). The API description types the flags boolean but nothing in the vendor's text pins it. Anything
/// else is kept as unreadable, for the mapper to name the user it belongs to: the converter cannot know whose flag it is.
/// </summary>
internal sealed class LenientFlagConverter : JsonConverter<LenientFlag>
{
    public override bool HandleNull => true;

    public override LenientFlag Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return new(true);
            case JsonTokenType.False: return new(false);
            case JsonTokenType.Null: return new(null);
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && number is 0 or 1: return new(number == 1);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text)) return new(null);
                return InputText.ParseFlag(text) is { } flag ? new(flag) : new(null, Shown(JsonSerializer.Serialize(text)));
            default:
                using (var value = JsonDocument.ParseValue(ref reader)) return new(null, Shown(value.RootElement.GetRawText()));
        }
    }

    // Enough of the value to recognise it in a message, never a whole object.
    private static string Shown(string json) => json.Length <= 40 ? json : json[..40] + "…";

    public override void Write(Utf8JsonWriter writer, LenientFlag value, JsonSerializerOptions options)
    {
        if (value.Value is { } flag) writer.WriteBooleanValue(flag);
        else writer.WriteNullValue();
    }
}
