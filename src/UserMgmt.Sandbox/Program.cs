using UserMgmt.Sandbox;

// Whatever is wrong with the command line, the database file or the address is one line and exit code 2.
SandboxHost sandbox;
try
{
    sandbox = await SandboxHost.StartAsync(SandboxOptions.Parse(args));
}
catch (Exception e) when (e is ArgumentException or SandboxStartException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using (sandbox)
{
    var options = sandbox.Options;
    Console.WriteLine($"UserMgmt sandbox listening on {sandbox.BaseUri}");
    Console.WriteLine($"Database:             {sandbox.Database.Path}");
    Console.WriteLine($"Access key:           {options.AccessKey}   (ADOC accessKey header)");
    Console.WriteLine($"Secret key:           {options.SecretKey}   (ADOC secretKey header; CCAI token, the Basic password)");
    Console.WriteLine($"CCAI subdomain:       {options.CcaiSubdomain}   (CCAI Basic user name)");
    Console.WriteLine($"SCIM 2.0:             {new Uri(sandbox.BaseUri, "scim/v2")}   (bearer token: the secret key)");
    Console.WriteLine($"Read-only access key: {options.ReadOnlyAccessKey}");
    Console.WriteLine($"Read-only secret key: {options.ReadOnlySecretKey}");
    Console.WriteLine($"Admin key:            {sandbox.AdminKey}   (X-Sandbox-Admin-Key header, for {AdminEndpoints.Prefix})");
    Console.WriteLine("Press Ctrl+C to stop.");
    await sandbox.WaitForShutdownAsync();
}
return 0;
