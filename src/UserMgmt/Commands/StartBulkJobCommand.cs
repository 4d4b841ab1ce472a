using System.Management.Automation;
using UserMgmt.Bulk;
using UserMgmt.Commands.Internal;
using UserMgmt.Operations;

namespace UserMgmt.Commands;

/// <summary>
/// Creates and processes users through the platform's bulk jobs: rows from the pipeline or from JSON
/// and CSV files are split into jobs of -BatchSize rows. Every row is first checked against the
/// platform's current template; a refused row is an error and is not uploaded, so the real run does
/// what -WhatIf (which uploads nothing) said.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "BulkJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RowsSet)]
[OutputType(typeof(BulkJob))]
public sealed class StartBulkJobCommand : BulkJobCmdlet
{
    private const string RowsSet = "Rows";
    private const string PathSet = "Path";
    private readonly List<BulkUserRow> _rows = [];
    private readonly List<string> _filesWithProblems = [];

    /// <summary>JSON (the platform's own format) or CSV files of users.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias(ParameterAliases.Mail, ParameterAliases.EmailAddress, ParameterAliases.UserPrincipalName)]
    public string? Email { get; set; }

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("new_email")]
    public string? NewEmail { get; set; }

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("agent_number")]
    public string? AgentNumber { get; set; }

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("first_name", "GivenName")]
    public string? FirstName { get; set; }

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("last_name", "Surname")]
    public string? LastName { get; set; }

    /// <summary>Active, Inactive (deactivates the user), or empty to leave it.</summary>
    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    public string? Status { get; set; }

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Office")]
    public string? Location { get; set; }

    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("max_chat_limit")]
    public string? MaxChatLimit { get; set; }

    /// <summary>1/0, true/false or yes/no.</summary>
    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("max_chat_limit_enabled")]
    [LooseBoolean]
    public bool? MaxChatLimitEnabled { get; set; }

    /// <summary>Role names; a "A; B" cell is two roles.</summary>
    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string[]? Role { get; set; }

    /// <summary>Team names; a "A; B" cell is two teams.</summary>
    [Parameter(ParameterSetName = RowsSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Teams", "Group", ParameterAliases.Groups)]
    [ArgumentCompleter(typeof(GroupNameCompleter))]
    public string[]? Team { get; set; }

    /// <summary>The pipeline object as received, kept so errors can return it unchanged.</summary>
    [Parameter(ParameterSetName = RowsSet, ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Rows per job; the platform recommends smaller batches.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int BatchSize { get; set; }

    /// <summary>Wait for every job to finish, with progress, and return the finished jobs.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds to wait with -Wait; no limit when omitted.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int WaitTimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet)
        {
            foreach (var path in Path)
                foreach (var file in GetResolvedProviderPathFromPSPath(path, out _))
                    ReadFile(file);
            return;
        }
        _rows.Add(new BulkUserRow
        {
            Email = Email, NewEmail = NewEmail, AgentNumber = AgentNumber, FirstName = FirstName, LastName = LastName,
            Status = Status, Location = Location,
            MaxChatLimit = int.TryParse(MaxChatLimit, out var limit) ? limit : null,
            MaxChatLimitEnabled = MaxChatLimitEnabled,
            Roles = InputText.SplitList(Role), Teams = InputText.SplitList(Team),
            SourceRow = _rows.Count + 1,
            InputObject = InputObject,
        });
    }

    protected override void EndProcessing()
    {
        // A file is sent whole or not at all: half a spreadsheet uploaded is harder to put right than none.
        if (_filesWithProblems.Count > 0)
            ThrowTerminatingError(new ErrorRecord(
                new InvalidDataException($"Nothing was uploaded: {string.Join(", ", _filesWithProblems)} could not be used (see the errors before this one)."),
                "UserMgmt.BulkFileInvalid", ErrorCategory.InvalidData, _filesWithProblems.ToArray()));
        if (_rows.Count == 0) return;
        var client = BulkClient();
        var runner = new BulkJobRunner(client);
        var accepted = Check(runner);
        var batches = BulkJobRunner.Split(accepted, Bound(nameof(BatchSize)) ? BatchSize : client.DefaultBatchSize);
        var runId = BulkJobRunner.NewRunId();

        var approved = new List<(int Number, IReadOnlyList<BulkUserRow> Rows)>();
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var description = $"Upload rows {batch[0].SourceRow}-{batch[^1].SourceRow} ({batch.Count} users) as bulk job {i + 1} of {batches.Count} and process it";
            if (ShouldProcess(description, description + "?", "Start-BulkJob")) approved.Add((i + 1, batch));
        }

        var started = new List<BulkJob>();
        foreach (var (number, rows) in approved)
        {
            var job = RunEngine(ct => runner.StartAsync(rows, BulkJobRunner.FileName(runId, number), ct), beforeStopping: _ => GiveStarted(started, rows));
            started.Add(job);
            if (!Wait)
            {
                WarnIfFailed(job);
                WriteObject(job);
            }
        }
        if (Wait && started.Count > 0)
            WriteObject(WaitWithProgress(runner, started, Bound(nameof(WaitTimeoutSec)) ? TimeSpan.FromSeconds(WaitTimeoutSec) : null), enumerateCollection: true);
    }

    /// <summary>
    /// A batch could not be started, which stops the command: the jobs started before it run on the platform all the
    /// same, so with -Wait (which had not yet shown them) they are given as they stand, with what became of the rest.
    /// </summary>
    private void GiveStarted(List<BulkJob> started, IReadOnlyList<BulkUserRow> failed)
    {
        if (!Wait || started.Count == 0) return;
        WriteWarning($"Job(s) {string.Join(", ", started.Select(j => j.Id))} had started and run on the platform; the batch of "
            + $"rows {failed[0].SourceRow}-{failed[^1].SourceRow} could not be started (see the error), and no batch after it was sent. "
            + "Follow the started jobs with Wait-BulkJob.");
        WriteObject(started, enumerateCollection: true);
    }

    /// <summary>
    /// Checks every row against the platform's template (reading only, so -WhatIf too); each refused
    /// row is one error whose target is the row as it came in. Returns the rows to upload.
    /// </summary>
    private IReadOnlyList<BulkUserRow> Check(BulkJobRunner runner)
    {
        var check = RunEngine(ct => runner.CheckAsync(_rows, ct));
        foreach (var refused in check.Refused)
            WriteError(new ErrorRecord(new InvalidDataException(refused.Message), "UserMgmt.BulkRowInvalid", ErrorCategory.InvalidData,
                refused.Row.InputObject ?? refused.Row));
        WriteVerbose($"{check.Accepted.Count} of {_rows.Count} row(s) accepted; {check.Refused.Count} refused and not uploaded.");
        return check.Accepted;
    }

    /// <summary>Keeps the file's rows, or writes each of its problems as an error naming file, line, row and field.</summary>
    private void ReadFile(string file)
    {
        var read = BulkFileReader.Read(file);
        foreach (var problem in read.Problems)
            WriteError(new ErrorRecord(new InvalidDataException(problem.ToString()), "UserMgmt.BulkFileInvalid",
                problem.Line is null && problem.Row is null ? ErrorCategory.ReadError : ErrorCategory.InvalidData, problem));
        if (read.Problems.Count > 0) _filesWithProblems.Add(file);
        else _rows.AddRange(read.Rows);
    }
}
