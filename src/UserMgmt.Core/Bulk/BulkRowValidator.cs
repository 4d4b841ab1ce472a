using UserMgmt.Operations;

namespace UserMgmt.Bulk;

/// <summary>
/// Checks rows as the platform would, before anything is uploaded: required fields, address format,
/// repeats within the input, and roles, teams and locations the platform does not know.
/// </summary>
public static class BulkRowValidator
{
    public static List<BulkJobError> Validate(IReadOnlyList<BulkUserRow> rows, BulkUserTemplate template)
    {
        var problems = new List<BulkJobError>();
        var firstRowOf = new Dictionary<string, BulkUserRow>(StringComparer.OrdinalIgnoreCase);
        var firstRowOfNew = new Dictionary<string, BulkUserRow>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            void Problem(string column, string message) => problems.Add(new BulkJobError
            {
                Kind = BulkErrorKind.Scheme, Message = message, Column = column,
                SourceRow = row.SourceRow, SourceFile = row.SourceFile, Email = row.Email, InputObject = row.InputObject,
            });

            var email = row.Email?.Trim() ?? "";
            if (email.Length == 0) Problem("email", "Email is required.");
            else if (!InputText.IsValidEmail(email)) Problem("email", $"'{email}' is not a valid email address.");
            else if (firstRowOf.TryGetValue(email, out var first)) Problem("email", $"Email '{email}' repeats {Where(first, row)}.");
            else firstRowOf[email] = row;
            // The vendor's file table: new_email must be unique within its column, as email is within its own.
            if (!string.IsNullOrEmpty(row.NewEmail))
            {
                if (!InputText.IsValidEmail(row.NewEmail)) Problem("new_email", $"'{row.NewEmail}' is not a valid email address.");
                else if (firstRowOfNew.TryGetValue(row.NewEmail, out var firstNew)) Problem("new_email", $"New email '{row.NewEmail}' repeats {Where(firstNew, row)}.");
                else firstRowOfNew[row.NewEmail] = row;
            }
            // The vendor's file table requires both names, non-empty.
            if (string.IsNullOrWhiteSpace(row.FirstName)) Problem("first_name", "First name is required.");
            if (string.IsNullOrWhiteSpace(row.LastName)) Problem("last_name", "Last name is required.");
            if (!string.IsNullOrEmpty(row.Status) && row.Status is not ("Active" or "Inactive")) Problem("status", $"Status '{row.Status}' must be Active, Inactive or empty.");
            // The vendor's file table: "1 to X", X set on the tenant, which no call tells; the platform judges the upper bound.
            if (row.MaxChatLimit is < 1) Problem("max_chat_limit", $"Max chat limit {row.MaxChatLimit} must be 1 or more.");
            if (!string.IsNullOrEmpty(row.Location) && !template.Locations.Contains(row.Location)) Problem("location", $"Location '{row.Location}' does not exist.");
            if (!template.ListsEveryRoleAndTeam) continue;
            foreach (var role in row.Roles.Concat(row.LeftRoles).Where(r => !template.Roles.Contains(r))) Problem("roles", $"Role '{role}' does not exist.");
            foreach (var team in row.Teams.Where(t => !template.Teams.Contains(t))) Problem("teams", $"Team '{team}' does not exist.");
        }
        return problems;
    }

    // Rows are numbered within their file, so a row of another file is named with it.
    private static string Where(BulkUserRow first, BulkUserRow repeat) =>
        first.SourceFile is { } file && file != repeat.SourceFile ? $"row {first.SourceRow} of {file}" : $"row {first.SourceRow}";
}
