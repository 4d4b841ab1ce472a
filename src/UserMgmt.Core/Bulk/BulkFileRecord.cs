using System.Collections;
using System.Text.Json;

namespace UserMgmt.Bulk;

/// <summary>
/// A row of a bulk file as it came in: its values by name, in file order. Names match without regard
/// to case. The rows of a CSV file share its header, so a hundred thousand rows hold one copy of the
/// names rather than a dictionary each. It is an <see cref="IDictionary"/> as well, so PowerShell reads
/// <c>$record.Email</c> and shows it as names and values.
/// </summary>
public sealed class BulkFileRecord : IReadOnlyDictionary<string, object?>, IDictionary
{
    private readonly string[] _names;
    private readonly object?[] _values;

    internal BulkFileRecord(string[] names, object?[] values)
    {
        if (names.Length != values.Length) throw new ArgumentException("A record needs one value per name.", nameof(values));
        (_names, _values) = (names, values);
    }

    /// <summary>A JSON value as it came in: scalars as .NET values, lists and objects as their JSON text.</summary>
    internal static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.TryGetDecimal(out var number) ? number : value.GetRawText(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    public int Count => _names.Length;

    public object? this[string name] => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The record has no field '{name}'.");

    public IEnumerable<string> Keys => _names;

    public IEnumerable<object?> Values => _values;

    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out object? value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++) yield return new(_names[i], _values[i]);
    }

    public override string ToString() => string.Join(", ", _names.Select((name, i) => $"{name}={_values[i]}"));

    private int IndexOf(string name)
    {
        for (var i = 0; i < _names.Length; i++)
            if (string.Equals(_names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    bool IDictionary.IsFixedSize => true;
    bool IDictionary.IsReadOnly => true;
    ICollection IDictionary.Keys => _names;
    ICollection IDictionary.Values => _values;
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => this;

    object? IDictionary.this[object key]
    {
        get => key is string name && TryGetValue(name, out var value) ? value : null;
        set => throw ReadOnly();
    }

    bool IDictionary.Contains(object key) => key is string name && ContainsKey(name);
    void IDictionary.Add(object key, object? value) => throw ReadOnly();
    void IDictionary.Clear() => throw ReadOnly();
    void IDictionary.Remove(object key) => throw ReadOnly();
    IDictionaryEnumerator IDictionary.GetEnumerator() => new Entries(this);
    IEnumerator IEnumerable.GetEnumerator() => new Entries(this);

    void ICollection.CopyTo(Array array, int index)
    {
        for (var i = 0; i < _names.Length; i++) array.SetValue(new DictionaryEntry(_names[i], _values[i]), index + i);
    }

    private static NotSupportedException ReadOnly() => new("A record of a bulk file cannot be changed.");

    private sealed class Entries(BulkFileRecord record) : IDictionaryEnumerator
    {
        private int _index = -1;

        public DictionaryEntry Entry => new(record._names[_index], record._values[_index]);
        public object Key => record._names[_index];
        public object? Value => record._values[_index];
        public object Current => Entry;
        public bool MoveNext() => ++_index < record._names.Length;
        public void Reset() => _index = -1;
    }
}
