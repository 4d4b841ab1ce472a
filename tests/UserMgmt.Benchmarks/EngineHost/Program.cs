using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using UserMgmt.Benchmarks.EngineHost;

// Reads one command a line from the benchmark (tab-separated), answers one line each:
//   connect <uri> <membership call or ->       -> ok
//   run <invite|membership|attributes> <rows> [first row]  -> ok <seconds> <results> <succeeded> <first problem>
//   stream <rows>                              -> ok <seconds> <first result seconds> <results> <working set growth> <managed growth>
// "error <message>" answers anything that went wrong. Rows are built before the clock starts, except when streaming.
var manifest = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of UserMgmt.psd1.");
using var session = new Session(manifest);
Console.WriteLine("ready");
while (Console.ReadLine() is { } line)
{
    var parts = line.Split('\t');
    try
    {
        Console.WriteLine(parts[0] switch
        {
            "connect" => session.Connect(parts[1], parts[2]),
            "run" => session.Run(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture),
                parts.Length > 3 ? int.Parse(parts[3], CultureInfo.InvariantCulture) : 1),
            "stream" => session.Stream(int.Parse(parts[1], CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"Unknown command '{parts[0]}'."),
        });
    }
    catch (Exception e)
    {
        Console.WriteLine($"error\t{e.Message.ReplaceLineEndings(" ")}");
    }
}

namespace UserMgmt.Benchmarks.EngineHost
{
    internal sealed class Session : IDisposable
    {
        private readonly Runspace _runspace;

        public Session(string manifest)
        {
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            if (Invoke("Import-Module $manifest -ErrorAction Stop", null, new ResultSink(), ("manifest", manifest)) is { } errors)
                throw new InvalidOperationException(errors);
        }

        public string Connect(string uri, string membershipCall)
        {
            var options = new System.Collections.Hashtable();
            if (membershipCall != "-") options["MembershipCall"] = membershipCall;
            // As ConvertTo-SecureString would make it (that cmdlet's module is not part of a hosted engine).
            var secret = new System.Net.NetworkCredential("", "demo-secret-key").SecurePassword;
            var errors = Invoke(
                "$null = Connect-UserMgmt -Provider Acceldata -BaseUri $uri -AccessKey demo-access-key -SecretKey $secret -ProviderOption $options -ErrorAction Stop",
                null, new ResultSink(), ("uri", uri), ("secret", secret), ("options", options));
            return errors is null ? "ok" : throw new InvalidOperationException(errors);
        }

        /// <summary>One command over rows shaped as Import-Csv makes them, all built before the clock starts.</summary>
        public string Run(string command, int rows, int firstRow)
        {
            var (script, email) = command switch
            {
                "invite" => ("$rows | Invite-User", (Func<int, string>)Throughput.Addresses.Invitee),
                "membership" => ($"$rows | Add-UserGroup -Group '{Throughput.Addresses.GroupName}'", Throughput.Addresses.Member),
                "attributes" => ($"$rows | Set-UserAttribute -Department '{Throughput.Addresses.Department}'", Throughput.Addresses.Member),
                _ => throw new ArgumentException($"Unknown command '{command}'."),
            };
            var input = Enumerable.Range(firstRow, rows).Select(i => CsvRow(email(i))).ToList();
            var sink = new ResultSink();
            var clock = Stopwatch.StartNew();
            var errors = Invoke(script, null, sink, ("rows", input));
            clock.Stop();
            var problem = errors ?? sink.FirstProblem ?? "-";
            return Invariant($"ok\t{clock.Elapsed.TotalSeconds:R}\t{sink.Received}\t{sink.Succeeded}\t{problem.ReplaceLineEndings(" ").Replace('\t', ' ')}");
        }

        /// <summary>
        /// Rows made one at a time as the pipeline asks for them, into Invite-User -WhatIf: the growth of memory
        /// over what the session held before, and the time from the first row made to the first result out.
        /// </summary>
        public string Stream(int rows)
        {
            var clock = new Stopwatch();
            long firstRow = -1;
            IEnumerable<PSObject> Generate()
            {
                for (var i = 1; i <= rows; i++)
                {
                    var row = CsvRow(Throughput.Addresses.Streamed(i));
                    if (i == 1) firstRow = clock.ElapsedTicks;
                    yield return row;
                }
            }
            var sink = new ResultSink(clock);
            using var sampler = MemorySampler.Start();
            clock.Start();
            var errors = Invoke("$rows | Invite-User -WhatIf", null, sink, ("rows", Generate()));
            clock.Stop();
            var (workingSet, managed) = sampler.Stop();
            if (errors is not null) throw new InvalidOperationException(errors);
            var firstResult = sink.FirstAt < 0 ? double.NaN : (sink.FirstAt - firstRow) / (double)Stopwatch.Frequency;
            return Invariant($"ok\t{clock.Elapsed.TotalSeconds:R}\t{firstResult:R}\t{sink.Received}\t{workingSet}\t{managed}");
        }

        private static PSObject CsvRow(string email)
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("Email", email));
            return row;
        }

        /// <summary>Runs a script, its output into the sink; answers the first error it wrote or threw, if any.</summary>
        private string? Invoke(string script, System.Collections.IEnumerable? input, ResultSink sink, params (string Name, object? Value)[] variables)
        {
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = _runspace;
            foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            shell.AddScript(script);
            try
            {
                shell.Invoke(input, sink);
            }
            catch (RuntimeException e)
            {
                return e.Message;
            }
            finally
            {
                foreach (var (name, _) in variables) _runspace.SessionStateProxy.SetVariable(name, null);
            }
            return shell.HadErrors && sink.Received == 0 && shell.Streams.Error.Count > 0 ? shell.Streams.Error[0].ToString() : null;
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        public void Dispose() => _runspace.Dispose();
    }

    /// <summary>
    /// The pipeline's output, counted as it arrives and not kept, so the results of a million rows hold no memory
    /// of their own; notes when the first one came.
    /// </summary>
    internal sealed class ResultSink(Stopwatch? clock = null) : System.Collections.ObjectModel.Collection<PSObject>
    {
        public int Received { get; private set; }
        public long FirstAt { get; private set; } = -1;
        public int Succeeded { get; private set; }
        public string? FirstProblem { get; private set; }

        protected override void InsertItem(int index, PSObject item)
        {
            if (Received++ == 0 && clock is not null) FirstAt = clock.ElapsedTicks;
            var status = item?.Properties["Status"]?.Value?.ToString();
            if (status is "Succeeded" or "WhatIf") Succeeded++;
            else FirstProblem ??= $"{status}: {item?.Properties["Message"]?.Value}";
        }
    }

    /// <summary>Samples the process's working set and managed heap every 10 ms; growth is over the figures at the start.</summary>
    internal sealed class MemorySampler : IDisposable
    {
        private readonly Thread _thread;
        private readonly long _workingSetBefore, _managedBefore;
        private long _workingSetPeak, _managedPeak;
        private volatile bool _stop;

        private MemorySampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            _workingSetBefore = _workingSetPeak = process.WorkingSet64;
            _managedBefore = _managedPeak = GC.GetTotalMemory(false);
            _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        }

        public static MemorySampler Start()
        {
            var sampler = new MemorySampler();
            sampler._thread.Start();
            return sampler;
        }

        private void Sample()
        {
            while (!_stop)
            {
                SampleOnce();
                Thread.Sleep(10);
            }
        }

        private void SampleOnce()
        {
            using var process = Process.GetCurrentProcess();
            _workingSetPeak = Math.Max(_workingSetPeak, process.WorkingSet64);
            _managedPeak = Math.Max(_managedPeak, GC.GetTotalMemory(false));
        }

        /// <summary>Peak growth of the working set and of the managed heap, in bytes.</summary>
        public (long WorkingSet, long Managed) Stop()
        {
            _stop = true;
            _thread.Join();
            SampleOnce();
            return (_workingSetPeak - _workingSetBefore, _managedPeak - _managedBefore);
        }

        public void Dispose()
        {
            _stop = true;
            if (_thread.IsAlive) _thread.Join();
        }
    }
}
