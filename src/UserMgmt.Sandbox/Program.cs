using UserMgmt.Sandbox;

SandboxOptions options;
try
{
    options = SandboxOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using var sandbox = await SandboxHost.StartAsync(options);
Console.WriteLine($"UserMgmt sandbox listening on {sandbox.BaseUri}");
Console.WriteLine($"Database:   {sandbox.Database.Path}");
Console.WriteLine($"Access key: {options.AccessKey}");
Console.WriteLine($"Secret key: {options.SecretKey}");
Console.WriteLine("Press Ctrl+C to stop.");
await sandbox.WaitForShutdownAsync();
return 0;
