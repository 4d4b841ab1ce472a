using Microsoft.Data.Sqlite;

namespace UserMgmt.Benchmarks;

/// <summary>
/// Users put straight into a sandbox's file, as an import outside the API would: inviting 50,000 through the API is not
/// what the benchmarks measure. Each comes after the demo users (created later), named by a prefix and a number.
/// </summary>
internal static class DirectUsers
{
    public static void Add(string database, int count, string prefix)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO users (id, email, first_name, last_name, created_on, updated_on) VALUES (@id, @e, @fn, @ln, @t, @t)";
        var id = insert.Parameters.Add("@id", SqliteType.Text);
        var email = insert.Parameters.Add("@e", SqliteType.Text);
        var lastName = insert.Parameters.Add("@ln", SqliteType.Text);
        var at = insert.Parameters.Add("@t", SqliteType.Integer);
        insert.Parameters.AddWithValue("@fn", prefix);
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000;
        for (var n = 1; n <= count; n++)
        {
            (id.Value, email.Value, lastName.Value, at.Value) = ($"{prefix}-{n:D6}", $"{prefix}{n:D6}@example.com", $"Number{n}", start + n);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
