namespace UserMgmt.Bulk;

/// <summary>The bulk file's columns, in the order the platform numbers them.</summary>
internal enum BulkColumn { Email, NewEmail, AgentNumber, FirstName, LastName, Status, Location, MaxChatLimit, MaxChatLimitEnabled, Roles, Teams }

/// <summary>
/// The bulk file's columns by the platform's names, and the spreadsheet names that mean the same. Names
/// match without regard to case, underscores or spaces, so "Last Name", "LastName" and "last_name" are one.
/// </summary>
internal static class BulkColumns
{
    public const int Count = (int)BulkColumn.Teams + 1;

    private static readonly string[] PlatformNames =
    [
        "email", "new_email", "agent_number", "first_name", "last_name", "status", "location",
        "max_chat_limit", "max_chat_limit_enabled", "roles", "teams",
    ];

    private static readonly Dictionary<string, BulkColumn> ByName = new(new LooseNameComparer())
    {
        ["mail"] = BulkColumn.Email, ["emailaddress"] = BulkColumn.Email, ["userprincipalname"] = BulkColumn.Email,
        ["givenname"] = BulkColumn.FirstName,
        ["surname"] = BulkColumn.LastName,
        ["office"] = BulkColumn.Location,
        ["role"] = BulkColumn.Roles,
        ["team"] = BulkColumn.Teams, ["groups"] = BulkColumn.Teams, ["group"] = BulkColumn.Teams,
    };

    static BulkColumns()
    {
        for (var i = 0; i < Count; i++) ByName[PlatformNames[i]] = (BulkColumn)i;
    }

    public static string All => string.Join(", ", PlatformNames);

    /// <summary>The platform's name for a column.</summary>
    public static string NameOf(BulkColumn column) => PlatformNames[(int)column];

    /// <summary>The column a name stands for, or null for a column the bulk file does not use.</summary>
    public static BulkColumn? Find(string name) => ByName.TryGetValue(name, out var column) ? column : null;

    // Compares names as the columns match them, without making a normalised copy of each name read.
    private sealed class LooseNameComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y)
        {
            if (x is null || y is null) return x == y;
            int i = 0, j = 0;
            while (true)
            {
                while (i < x.Length && Ignored(x[i])) i++;
                while (j < y.Length && Ignored(y[j])) j++;
                if (i == x.Length || j == y.Length) return i == x.Length && j == y.Length;
                if (char.ToLowerInvariant(x[i++]) != char.ToLowerInvariant(y[j++])) return false;
            }
        }

        public int GetHashCode(string name)
        {
            var hash = new HashCode();
            foreach (var c in name)
                if (!Ignored(c)) hash.Add(char.ToLowerInvariant(c));
            return hash.ToHashCode();
        }

        private static bool Ignored(char c) => c is '_' or ' ';
    }
}
