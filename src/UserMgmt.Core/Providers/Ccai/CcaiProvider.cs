using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using RestSharp;
using UserMgmt.Bulk;
using UserMgmt.Connections;
using UserMgmt.Model;
using UserMgmt.Operations;
using UserMgmt.Rest;

namespace UserMgmt.Providers.Ccai;

/// <summary>
/// Google Cloud CCAI Platform's Apps API. Users are read from the user configuration endpoint and
/// changed through bulk jobs; the client keeps to the published 10 requests per second.
/// </summary>
internal sealed class CcaiProvider : IUserProvider, IBulkJobClient
{
    public const int RequestsPerSecond = 10;
    // The platform sets no limit on a file's rows but advises small batches.
    private const int RowsPerJob = 500;
    private const int MaxPageSize = 1000;
    // P3: a page holds 100 users unless per_page says otherwise.
    private const int DefaultPageSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromMinutes(10);

    private readonly RestCore _rest;
    // Job answers and error logs are not failures, so the REST core leaves their text alone: it may echo what was sent.
    private readonly SecretRedactor _redactor;
    private readonly string _root;
    // The base address as the messages name it: no query, no trailing slash.
    private readonly string _baseAddress;
    // Users read so far, by id: a change needs the user's address and last name, and the platform looks users up by address only.
    private readonly ConcurrentDictionary<string, User> _seen = new();
    // Whether the last template read named every team; a tenant's template keeps its shape, so one read tells.
    private bool? _templateListsEveryTeam;
    // The page size the platform keeps to when it sends more users than per_page asked for; null while it obeys.
    private int? _platformPageSize;

    public CcaiProvider(ConnectionSettings settings)
    {
        _redactor = SecretRedactor.For(settings.Credential);
        _rest = new RestCore(settings.BaseUri, new CcaiBasicAuthenticator(settings.Credential), _redactor,
            settings.Retry, RequestsPerSecond, Json);
        // Accept the tenant's host or the API's own base address.
        _root = settings.BaseUri.AbsolutePath.TrimEnd('/').EndsWith("/apps/api/v1", StringComparison.OrdinalIgnoreCase) ? "" : "apps/api/v1/";
        _baseAddress = settings.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }


    /// <summary>The Apps API has no team endpoints, and its user file holds only these attributes and needs a last name on every row.</summary>
    internal static readonly ProviderCapabilities PlatformCapabilities = new()
    {
        Platform = "CCAI Platform",
        CanCreateGroups = false,
        CanDeleteGroups = false,
        SettableAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "location", "agentNumber" },
        // A blank or absent cell in the user file leaves the value as it is; the vendor's file table takes null for a
        // location only, which empties it.
        CanClearAttributes = true,
        ClearableAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "location" },
        InviteNeedsLastName = true,
        ChangeNeedsNames = true,
        // Users are created directly, never invited: the platform knows only active and deactivated ones.
        KnownStatuses = [UserStatus.Active, UserStatus.Inactive],
        // No source lists a tenant's locations; the template shows those its users hold (ccai.md D11).
        AllowedValuesAreThoseHeld = true,
        UserChangesPerJob = RowsPerJob,
        LargestPage = MaxPageSize,
        HasBulkJobs = true,
        // Its template lists the roles bulk jobs give (Start-BulkJob -Role); invitations take none, plans' jobs change them.
        HasRoles = true,
        CanChangeRoles = true,
    };

    public ProviderCapabilities Capabilities => PlatformCapabilities;
    public IBulkJobClient BulkJobs => this;
    public int DefaultBatchSize => RowsPerJob;

    /// <summary>
    /// One read of the user-configuration endpoint. A 404 there says the address is wrong, not the credentials;
    /// no source gives the endpoint's path (ccai.md A18), so the message names the address it was looked for at.
    /// </summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _rest.SendAsync(new RestRequest(_root + "users").AddQueryParameter("per_page", 1), cancellationToken);
        }
        catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new EndpointNotFoundException(e.Method, e.Resource, "user-configuration", $"{_baseAddress}/{_root}users", e.ServerMessage);
        }
    }

    public async Task<UserPage> ListUsersAsync(string? search, int offset, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        if (string.IsNullOrEmpty(search))
        {
            var window = await WindowAsync(offset, pageSize, cancellationToken);
            // Without a total, a full window reports one user more than it holds, which keeps callers reading until a short or empty page.
            return new UserPage(window.Items, window.Total ?? offset + window.Items.Count + (window.Items.Count == pageSize ? 1 : 0));
        }
        // The platform looks users up by whole address only; other searches ("@example.com" too) match names and addresses of every user.
        var matches = InputText.IsValidEmail(search)
            ? await AddressAsync(search, cancellationToken)
            : await SearchAllAsync(search, cancellationToken);
        return new UserPage(matches.Skip(offset).Take(pageSize).ToList(), matches.Count);
    }

    /// <summary>
    /// The users from <paramref name="offset"/> on, never more than <paramref name="size"/>, cut from the pages that hold
    /// them. Pages are numbered at one size for every window of a listing (at least the platform's default), so a
    /// platform that ignores <c>per_page</c> numbers them as the client does once its own page size is known.
    /// </summary>
    /// <remarks>
    /// P3 does not say how an answer tells that more pages follow (A5): a page shorter than asked for is the last,
    /// except that a first short page of at least the default size is checked against the next (A21). A Total header is
    /// honoured where one comes.
    /// </remarks>
    private async Task<PageRead<User>> WindowAsync(int offset, int size, CancellationToken cancellationToken)
    {
        var perPage = _platformPageSize ?? Math.Max(size, DefaultPageSize);
        var firstNumber = offset / perPage + 1;
        var users = new List<User>();
        int? total = null;
        for (var number = firstNumber; users.Count < size; number++)
        {
            var page = await PageAsync(number, perPage, cancellationToken);
            if (await PagesOwnSizeAsync(page, number, perPage, cancellationToken) is { } own)
            {
                // The platform keeps to its own page size: the window is cut again from pages of that size.
                _platformPageSize = own;
                return await WindowAsync(offset, size, cancellationToken);
            }
            users.AddRange(number == firstNumber ? page.Items.Skip(offset % perPage) : page.Items);
            total = page.Total;
            if (page.Items.Count < perPage) break;
        }
        return new PageRead<User>(users.Take(size).ToList(), total);
    }

    /// <summary>
    /// The platform's own page size when this page shows it ignores <c>per_page</c>: it holds more than asked for, or
    /// it is a first page of at least the default size, shorter than asked for, and the next page holds users (a
    /// platform may cap pages at its default, or at any size up to the maximum).
    /// </summary>
    private async Task<int?> PagesOwnSizeAsync(PageRead<User> page, int number, int perPage, CancellationToken cancellationToken)
    {
        var count = page.Items.Count;
        if (count > perPage)
            return count <= MaxPageSize ? count
                : throw new ApiException("GET", "users", null, $"page {number} held {count} users, more than the {MaxPageSize} a page may hold, so users cannot be read in order");
        if (_platformPageSize is null && number == 1 && count >= DefaultPageSize && count < perPage
            && (await PageAsync(2, perPage, cancellationToken)).Items.Count > 0)
            return count;
        return null;
    }

    /// <summary>
    /// The user with this address. An answer naming anyone else means the <c>email</c> parameter was not understood
    /// (A7): its users are not matches, and every page is read for the address instead, as for an id (A14).
    /// </summary>
    private async Task<List<User>> AddressAsync(string address, CancellationToken cancellationToken)
    {
        var chosen = await ChosenAsync("email", address, cancellationToken);
        if (chosen.All(u => IsAddress(u, address))) return chosen;
        var matches = new List<User>();
        await foreach (var page in EveryPageAsync(cancellationToken)) matches.AddRange(page.Items.Where(u => IsAddress(u, address)));
        return matches;
    }

    private static bool IsAddress(User user, string address) => string.Equals(user.Email, address, StringComparison.OrdinalIgnoreCase);

    /// <summary>The users whose address, first or last name contains the text, out of every user.</summary>
    private async Task<List<User>> SearchAllAsync(string search, CancellationToken cancellationToken)
    {
        var matches = new List<User>();
        await foreach (var page in EveryPageAsync(cancellationToken))
            matches.AddRange(page.Items.Where(u => $"{u.Email} {u.FirstName} {u.LastName}".Contains(search, StringComparison.OrdinalIgnoreCase)));
        return matches;
    }

    /// <summary>Every user, window by window, until a short or empty page.</summary>
    private IAsyncEnumerable<PageRead<User>> EveryPageAsync(CancellationToken cancellationToken) =>
        PageReader.ReadAsync("users", u => u.Id, MaxPageSize, null,
            (p, ct) => WindowAsync(p.Offset, p.Size, ct), cancellationToken);

    /// <summary>One page of every user, by number, with the Total header where the platform sends one.</summary>
    private async Task<PageRead<User>> PageAsync(int number, int size, CancellationToken cancellationToken)
    {
        var request = new RestRequest(_root + "users").AddQueryParameter("page", number).AddQueryParameter("per_page", size);
        var response = await _rest.SendAsync(request, cancellationToken);
        var users = Remember(_rest.Read<List<CcaiUserDto>>(request, response));
        var total = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Total", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        return new PageRead<User>(users, int.TryParse(total, out var count) ? count : null);
    }

    /// <summary>
    /// Chosen users by address or System ID. P3: a page number cannot be combined with user ids, so the
    /// id goes alone and the answer holds every user it names.
    /// </summary>
    private async Task<List<User>> ChosenAsync(string parameter, string value, CancellationToken cancellationToken) =>
        Remember(await _rest.SendAsync<List<CcaiUserDto>>(new RestRequest(_root + "users").AddQueryParameter(parameter, value), cancellationToken));

    private List<User> Remember(List<CcaiUserDto> read)
    {
        var users = read.Select(CcaiMapper.ToUser).ToList();
        users.ForEach(u => _seen[u.Id] = u);
        return users;
    }

    public async Task<User?> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        var chosen = await ChosenAsync("id", userId, cancellationToken);
        if (chosen.FirstOrDefault(u => u.Id == userId) is { } user) return user;
        // The parameter's name is not in the sources (A14): an answer naming only others means it was not understood.
        if (chosen.Count == 0) return null;
        await foreach (var page in EveryPageAsync(cancellationToken))
            if (page.Items.FirstOrDefault(u => u.Id == userId) is { } found) return found;
        return null;
    }

    public async Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken) =>
        (await GetTemplateAsync(cancellationToken)).Teams.Order().Select(t => new Group { Id = t, Name = t }).ToList();

    // A template of held teams alone (A8) cannot show a team nobody is in: the file names it and the platform's
    // scheme check judges it, as it does every row.
    public async Task<Group?> FindUnlistedGroupAsync(string name, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) || (_templateListsEveryTeam ?? (await GetTemplateAsync(cancellationToken)).ListsEveryRoleAndTeam)
            ? null : new Group { Id = name, Name = name };

    public async Task<Role?> FindUnlistedRoleAsync(string name, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(name) || (_templateListsEveryTeam ?? (await GetTemplateAsync(cancellationToken)).ListsEveryRoleAndTeam)
            ? null : new Role(name, name, 0);

    /// <summary>The roles the template names, by name (CCAI gives them no id or weight of their own).</summary>
    public async Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken) =>
        (await GetTemplateAsync(cancellationToken)).Roles.Order(StringComparer.OrdinalIgnoreCase).Select(r => new Role(r, r, 0)).ToList();

    public async Task<BulkUserTemplate> GetTemplateAsync(CancellationToken cancellationToken)
    {
        var rows = await _rest.SendAsync<List<CcaiUserDto>>(new RestRequest(_root + "bulk/users/template"), cancellationToken);
        var template = new BulkUserTemplate
        {
            Rows = rows.Select((r, i) => CcaiMapper.ToRow(r, i + 1)).ToList(),
            Roles = Names(rows.SelectMany(r => r.Roles ?? [])),
            Teams = Names(rows.SelectMany(r => r.Teams ?? [])),
            ListsEveryRoleAndTeam = rows.SelectMany(r => (r.Roles ?? []).Concat(r.Teams ?? [])).All(entry => entry.Value is not null),
            Locations = rows.Select(r => r.Location).Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        _templateListsEveryTeam = template.ListsEveryRoleAndTeam;
        return template;
    }

    public Task<BulkJob> UploadAsync(IReadOnlyList<BulkUserRow> rows, string filename, CancellationToken cancellationToken) =>
        SendFileAsync(Method.Post, null, rows, filename, cancellationToken);

    // The vendor's upload takes PUT with the job's id to replace the file of a job not yet processed.
    public Task<BulkJob> ReplaceFileAsync(BulkJob job, IReadOnlyList<BulkUserRow> rows, string filename, CancellationToken cancellationToken) =>
        SendFileAsync(Method.Put, job.Id, rows, filename, cancellationToken);

    private async Task<BulkJob> SendFileAsync(Method method, long? jobId, IReadOnlyList<BulkUserRow> rows, string filename, CancellationToken cancellationToken)
    {
        var file = CcaiMapper.FileBytes(rows, Json);
        var request = new RestRequest(_root + "bulk/users/upload", method) { AlwaysMultipartFormData = true };
        if (jobId is { } id) request.AddParameter("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.AddFile("file", file, filename, "application/json");
        var answer = await _rest.SendAsync<CcaiJobDto>(request, cancellationToken);
        return Job(answer, rows) with { Filename = filename };
    }

    public async Task<BulkJob> ProceedAsync(BulkJob job, CancellationToken cancellationToken)
    {
        var request = new RestRequest(_root + "bulk/users/proceed", Method.Post).AddJsonBody(new { id = job.Id });
        var answer = await _rest.SendAsync<CcaiJobDto>(request, cancellationToken);
        var checkedJob = job with { Status = Job(answer).Status };
        // The answer has the status alone; a file refused at proceed is finished, and only the job itself says how many rows broke the rules.
        return checkedJob.IsFinished ? await GetJobAsync(job.Id, cancellationToken) with { Rows = job.Rows } : checkedJob;
    }

    public async Task<BulkJob> GetJobAsync(long id, CancellationToken cancellationToken) =>
        Job(await _rest.SendAsync<CcaiJobDto>(new RestRequest($"{_root}bulk/users/jobs/{PathSegment.Of(id)}"), cancellationToken));

    public async Task<IReadOnlyList<BulkJob>> ListJobsAsync(int page, int perPage, CancellationToken cancellationToken)
    {
        var request = new RestRequest(_root + "bulk/users/jobs").AddQueryParameter("page", page).AddQueryParameter("per_page", perPage);
        return (await _rest.SendAsync<List<CcaiJobDto>>(request, cancellationToken)).Select(j => Job(j)).ToList();
    }

    /// <summary>
    /// A job as the platform describes it; its status goes into messages and its text into the job Get-BulkJob shows,
    /// so whatever it echoes is masked. Nothing of a job is sent back.
    /// </summary>
    private BulkJob Job(CcaiJobDto dto, IReadOnlyList<BulkUserRow>? rows = null)
    {
        if (dto.Status is not null) dto.Status = _redactor.Redact(dto.Status);
        if (dto.Filename is not null) dto.Filename = _redactor.Redact(dto.Filename);
        if (dto.UploadedApiUserName is not null) dto.UploadedApiUserName = _redactor.Redact(dto.UploadedApiUserName);
        if (dto.ProceedApiUserName is not null) dto.ProceedApiUserName = _redactor.Redact(dto.ProceedApiUserName);
        foreach (var error in (dto.SchemeErrors ?? []).Concat(dto.UpdateErrors ?? []).Where(e => e.Message is not null))
            error.Message = _redactor.Redact(error.Message);
        return CcaiMapper.ToJob(dto, rows);
    }

    public async Task<IReadOnlyList<BulkJobError>> GetErrorsAsync(BulkJob job, BulkErrorKind kind, CancellationToken cancellationToken)
    {
        var path = kind == BulkErrorKind.Scheme ? "scheme" : "update";
        var errors = await _rest.SendAsync<List<CcaiErrorDto>>(new RestRequest($"{_root}bulk/users/errors/{path}/{PathSegment.Of(job.Id)}"), cancellationToken);
        foreach (var error in errors.Where(e => e.Message is not null)) error.Message = _redactor.Redact(error.Message);
        return errors.Select(e => CcaiMapper.ToError(e, job, kind)).ToList();
    }

    // The capabilities say no: New-Group and every plan refuse these while planning, so no call arrives here.
    public Task<Group> CreateGroupAsync(string name, string? description, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("CCAI Platform teams cannot be created through its Apps API; the planner should have refused this.");

    public Task DeleteGroupAsync(string groupId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("CCAI Platform teams cannot be deleted through its Apps API; the planner should have refused this.");

    // Every change is a row of a bulk job behind the scenes, so users need not know the platform's mechanics.

    public Task<IReadOnlyList<UserChangeOutcome>> ApplyUserChangesAsync(IReadOnlyList<UserChange> changes, CancellationToken cancellationToken) =>
        new CcaiChangeJob(this, ChangeTimeout).RunAsync(changes, cancellationToken);

    public Task InviteUsersAsync(IReadOnlyList<Invitee> invitees, IReadOnlyList<Group> groups, bool sendEmail, CancellationToken cancellationToken) =>
        ApplyEachAsync(OperationNames.Invite, invitees.Select(i => new UserChange
        {
            Email = i.Email, FirstName = i.FirstName, LastName = i.LastName, Join = groups, Enabled = true,
        }).ToList(), cancellationToken);

    public async Task AddUserToGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
        await ApplyEachAsync(OperationNames.AddToGroup, [await ChangeForAsync(userId, cancellationToken) with { Join = groups }], cancellationToken);

    public async Task RemoveUserFromGroupsAsync(string userId, IReadOnlyList<Group> groups, CancellationToken cancellationToken) =>
        await ApplyEachAsync(OperationNames.RemoveFromGroup, [await ChangeForAsync(userId, cancellationToken) with { Leave = groups }], cancellationToken);

    // The file's location must name one the platform knows; other attributes take any text.
    public async Task<IReadOnlySet<string>?> GetAllowedValuesAsync(string attribute, CancellationToken cancellationToken) =>
        CcaiMapper.AttributeKey(attribute) == "location" ? (await GetTemplateAsync(cancellationToken)).Locations : null;

    public async Task SetAttributesAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes, CancellationToken cancellationToken) =>
        await ApplyEachAsync(OperationNames.SetAttribute, [await ChangeForAsync(userId, cancellationToken) with { Attributes = attributes }], cancellationToken);

    public async Task SetEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken) =>
        await ApplyEachAsync(enabled ? OperationNames.Enable : OperationNames.Disable,
            [await ChangeForAsync(userId, cancellationToken) with { Enabled = enabled }], cancellationToken);

    /// <summary>A change of an existing user: the file names users by address and needs their last name.</summary>
    private async Task<UserChange> ChangeForAsync(string userId, CancellationToken cancellationToken)
    {
        var user = _seen.TryGetValue(userId, out var known) ? known
            : await GetUserAsync(userId, cancellationToken) ?? throw new ApiException("GET", "users", System.Net.HttpStatusCode.NotFound, $"No user has the id '{userId}'");
        return new UserChange { Email = user.Email, Existing = user };
    }

    /// <summary>Runs the changes as one job; the first row the platform did not apply becomes an error carrying its reason.</summary>
    private async Task ApplyEachAsync(string operation, IReadOnlyList<UserChange> changes, CancellationToken cancellationToken)
    {
        var outcomes = await ApplyUserChangesAsync(changes, cancellationToken);
        if (outcomes.FirstOrDefault(o => o.Result != UserChangeResult.Applied) is { } missed)
            throw new ApiException(operation, "bulk job", null, missed.Message ?? "the platform did not apply the row");
    }

    private static IReadOnlySet<string> Names(IEnumerable<CcaiNameValue> items) =>
        items.Where(i => !string.IsNullOrEmpty(i.Name)).Select(i => i.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public void Dispose() => _rest.Dispose();
}
