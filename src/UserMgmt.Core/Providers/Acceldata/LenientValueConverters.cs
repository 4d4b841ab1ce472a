using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Acceldata;

// The admin API's own text types few values, and only a third party's description types the rest: one value sent in
// another form must not make a whole page of users or groups unreadable.

/// <summary>
/// A count or an epoch time sent as a whole number or a numeric string; anything else (a fraction, a number too large,
/// other text, an object) is no value. Counts steer paging only as an extra stop, so an unreadable one costs a request.
/// </summary>
internal sealed class LenientLongConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number): return number;
            case JsonTokenType.String when long.TryParse(reader.GetString()?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed): return parsed;
            case JsonTokenType.StartObject or JsonTokenType.StartArray: reader.Skip(); return null;
            default: return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}
