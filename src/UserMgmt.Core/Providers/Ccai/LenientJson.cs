using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserMgmt.Providers.Ccai;

// The vendor's pages type few of the values they show (a System ID has no type, agent_number is "a string with no
// validation", a flag is 0 in one example), so each value is read in any JSON form that can carry it.

/// <summary>Text sent as a string, a number or a boolean; null stays null. Written as a string.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected text, found {reader.TokenType}"),
    };

    // The number as the platform wrote it: 1000 stays "1000", never "1000.0".
    private static string RawText(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}

/// <summary>A whole number sent as a number, a numeric string or a boolean (true is 1); null and "" are no value. Written as a number.</summary>
internal sealed class LenientIntConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryRead(ref reader, out var value) ? value : throw new JsonException($"expected a whole number, found {reader.TokenType}");

    /// <summary>False for a value no whole number can be read from.</summary>
    internal static bool TryRead(ref Utf8JsonReader reader, out int? value)
    {
        (var read, value) = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var whole) => (true, whole),
            JsonTokenType.Number when reader.TryGetDecimal(out var fraction) && fraction == decimal.Truncate(fraction) && fraction is >= int.MinValue and <= int.MaxValue => (true, (int)fraction),
            JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()) => (true, null),
            JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => (true, parsed),
            JsonTokenType.True => (true, 1),
            JsonTokenType.False => (true, 0),
            JsonTokenType.Null => (true, (int?)null),
            _ => (false, (int?)null),
        };
        return read;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}

/// <summary>
/// A chat limit or its switch: read as <see cref="LenientIntConverter"/> reads, but a value no whole number can be read
/// from (1.5, 1e400, "0x10", a list) is no value. No source types these fields, so one odd limit must not make a whole
/// page of users unreadable; a file leaves a field without value out, so the platform keeps what it has.
/// </summary>
internal sealed class LenientLimitConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        return LenientIntConverter.TryRead(ref reader, out var value) ? value : null;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}

/// <summary>A job id sent as a number or as a numeric string; the vendor's examples show numbers and type none.</summary>
internal sealed class LenientJobIdConverter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var id) => id,
        JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) => id,
        _ => throw new JsonException($"expected a job id, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
