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
Console.WriteLine($"Database:             {sandbox.Database.Path}");
Console.WriteLine($"Access key:           {options.AccessKey}   (ADOC accessKey header; CCAI api user)");
Console.WriteLine($"Secret key:           {options.SecretKey}   (ADOC secretKey header; CCAI token)");
Console.WriteLine($"Read-only access key: {options.ReadOnlyAccessKey}");
Console.WriteLine($"Read-only secret key: {options.ReadOnlySecretKey}");
Console.WriteLine($"Admin key:            {sandbox.AdminKey}   (X-Sandbox-Admin-Key header, for {AdminEndpoints.Prefix})");
Console.WriteLine("Press Ctrl+C to stop.");
await sandbox.WaitForShutdownAsync();
return 0;
