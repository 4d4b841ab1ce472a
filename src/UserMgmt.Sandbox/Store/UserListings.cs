using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace UserMgmt.Sandbox.Store;

/// <summary>
/// Reads user listings (ordered by created_on, then email) by key instead of by offset where it can. Clients send
/// offsets or page numbers, as the APIs define; a page served is remembered by the listing order's key of its last
/// user, so the next page starts there instead of counting its way past every user before it. A remembered key
/// counts only in the state it was read in: the directory version, which triggers move with every change to which
/// users a listing holds or their order, is read in the same transaction as the page. So every page is the one
/// OFFSET would give, and pages not remembered are read by OFFSET.
/// </summary>
public sealed class UserListings
{
    // Keys of the pages served last; a client paging through 50,000 users 100 at a time needs 500.
    private const int Remembered = 4096;

    private readonly ConcurrentDictionary<(string Listing, long Offset), Key> _keys = new();
    private readonly ConcurrentDictionary<string, (long Version, int Total)> _totals = new();

    private readonly record struct Key(long Version, long CreatedOn, string Email);

    /// <summary>The directory's version; read first in a transaction, it also fixes the state the transaction sees.</summary>
    public static long Version(SqliteConnection c) => c.Scalar<long>("SELECT n FROM directory_version");

    /// <summary>
    /// The clause that starts a page at <paramref name="offset"/> (to follow the listing's WHERE, with AND) and the
    /// LIMIT/OFFSET that ends the query. <paramref name="listing"/> names the listing and everything it filters on;
    /// null for one not to remember.
    /// </summary>
    public (string After, string Window, (string, object?)[] Args) Page(string? listing, long version, long offset, int size,
        string createdOn = "created_on", string email = "email")
    {
        if (listing is not null && offset > 0 && _keys.TryGetValue((listing, offset), out var key) && key.Version == version)
            return ($"({createdOn}, {email}) > (@afterCreatedOn, @afterEmail)", "LIMIT @pageSize",
                [("@afterCreatedOn", key.CreatedOn), ("@afterEmail", key.Email), ("@pageSize", size)]);
        return ("", "LIMIT @pageSize OFFSET @pageOffset", [("@pageSize", size), ("@pageOffset", offset)]);
    }

    /// <summary>Remembers where the page after one just read starts: after its last user.</summary>
    public void Served(string? listing, long version, long offset, int count, long lastCreatedOn, string lastEmail)
    {
        if (listing is null || count == 0) return;
        if (_keys.Count >= Remembered) _keys.Clear();
        _keys[(listing, offset + count)] = new Key(version, lastCreatedOn, lastEmail);
    }

    /// <summary>The listing's total, counted once per directory version.</summary>
    public int Total(string? listing, long version, Func<int> count)
    {
        if (listing is not null && _totals.TryGetValue(listing, out var known) && known.Version == version) return known.Total;
        var total = count();
        if (listing is not null)
        {
            if (_totals.Count >= Remembered) _totals.Clear();
            _totals[listing] = (version, total);
        }
        return total;
    }
}
