using System.Text.Json;
using System.Text.Json.Nodes;
using UserMgmt.Model;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Scim;

/// <summary>One operation of a /Bulk request (RFC 7644 §3.7), made for one row of a job.</summary>
internal sealed class ScimBulkOperation
{
    public required int Row { get; init; }
    public required string Method { get; init; }

    /// <summary>The resource's path from the SCIM root, as Bulk wants it: "/Users", "/Groups/42".</summary>
    public required string Path { get; init; }

    /// <summary>The transient id of the user this operation creates (POST only).</summary>
    public string? BulkId { get; init; }

    /// <summary>The bulkId of the user this operation names, created by an earlier operation of the same row.</summary>
    public string? NamesCreated { get; init; }

    /// <summary>The operation's data, given how it names the user: by id, or as "bulkId:…" within one request.</summary>
    public required Func<string?, object> Data { get; init; }

    /// <summary>What the operation does, for the row's message: "creating the user", "joining 'Sales'".</summary>
    public required string What { get; init; }

    /// <summary>Sent in a request whose answer was lost: it is sent once more at most.</summary>
    public bool AnswerLost { get; set; }

    /// <summary>
    /// Its data holds text a service takes for a reference to a user created in the request ("bulkId:…", RFC 7644
    /// §3.7.2), and would replace: such an operation cannot go in a Bulk request as written.
    /// </summary>
    public bool CarriesReferenceText => JsonSerializer.Serialize(Data(""), RestCore.Json).Contains("bulkId:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The operation as the request carries it, the user named as given.</summary>
    public string ToJson(string? user)
    {
        var operation = new JsonObject { ["method"] = Method, ["path"] = Path };
        if (BulkId is not null) operation["bulkId"] = BulkId;
        operation["data"] = JsonSerializer.SerializeToNode(Data(user), RestCore.Json);
        return operation.ToJsonString();
    }
}

/// <summary>Turns one row's change into Bulk operations: the user created or patched, then each group joined or left.</summary>
internal sealed class ScimBulkOperations(ScimProvider provider, string users, string groups)
{
    public async Task<List<ScimBulkOperation>> ForAsync(int row, UserChange change, CancellationToken cancellationToken)
    {
        var operations = new List<ScimBulkOperation>();
        var created = change.Existing is null ? $"row{row}" : null;
        if (change.Existing is null)
        {
            var invitee = new Invitee(change.Email, change.FirstName, change.LastName);
            operations.Add(new ScimBulkOperation
            {
                Row = row, Method = "POST", Path = $"/{users}", BulkId = created, Data = _ => ScimProvider.NewUser(invitee), What = "creating the user",
            });
        }
        else if (await PatchOfUserAsync(change, cancellationToken) is { Count: > 0 } patch)
        {
            operations.Add(new ScimBulkOperation
            {
                Row = row, Method = "PATCH", Path = $"/{users}/{PathSegment.Of(change.Existing.Id)}", Data = _ => new ScimPatchRequest { Operations = patch },
                What = "changing the user",
            });
        }
        var userId = change.Existing?.Id;
        operations.AddRange(change.Join.Select(g => Member(row, g, add: true, userId, created)));
        operations.AddRange(change.Leave.Select(g => Member(row, g, add: false, userId, created)));
        return operations;
    }

    private async Task<List<ScimPatchOperation>> PatchOfUserAsync(UserChange change, CancellationToken cancellationToken)
    {
        var patch = new List<ScimPatchOperation>();
        if (change.Attributes.Count > 0)
            patch.AddRange(await new ScimAttributeWriter(provider, change.Existing!.Id).OperationsAsync(change.Attributes, cancellationToken));
        if (change.Enabled is { } enabled) patch.Add(new ScimPatchOperation { Op = "replace", Path = "active", Value = enabled });
        return patch;
    }

    private ScimBulkOperation Member(int row, Group group, bool add, string? userId, string? created) => new()
    {
        Row = row,
        Method = "PATCH",
        Path = $"/{groups}/{PathSegment.Of(group.Id)}",
        NamesCreated = created,
        Data = user => new ScimPatchRequest { Operations = ScimProvider.MemberOperations([userId ?? user!], add) },
        What = $"{(add ? "joining" : "leaving")} '{group.Name}'",
    };
}
