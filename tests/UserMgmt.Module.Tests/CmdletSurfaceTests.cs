namespace UserMgmt.Module.Tests;

public sealed class CmdletSurfaceTests(ModuleAssemblyFixture fixture) : IClassFixture<ModuleAssemblyFixture>
{
    private readonly ModuleAssembly _module = fixture.Module;

    private static readonly string[] ReadOnlyVerbs = ["Get", "Connect", "Disconnect", "Wait", "Test"];
    private static readonly string[] UserColumnAliases = ["Email", "Mail", "EmailAddress", "UserPrincipalName", "Id", "UserId"];

    /// <summary>Commands that take rows and return one result per row.</summary>
    private static readonly string[] RowCommands =
        ["New-UserInvitation", "Add-UserGroup", "Remove-UserGroup", "Set-UserAttribute", "Disable-User", "Enable-User", "New-Group"];

    private static readonly string[] StateChanging = [.. RowCommands, "Start-BulkJob", "Invoke-ReorgPlan"];

    /// <summary>Commands that only read, whatever their verb: New-ReorgPlan computes a plan and changes nothing.</summary>
    private static readonly string[] ReadOnlyCommands = ["New-ReorgPlan"];

    public static TheoryData<string> StateChangingCmdlets => new(StateChanging);
    public static TheoryData<string> RowCmdlets => new(RowCommands);

    [Fact]
    public void The_module_has_the_cmdlets_the_product_promises()
    {
        Assert.Equal(
            ["Add-UserGroup", "Connect-UserMgmt", "Disable-User", "Disconnect-UserMgmt", "Enable-User", "Get-BulkJob", "Get-BulkJobError",
             "Get-BulkUserTemplate", "Get-Group", "Get-IdentityProvider", "Get-Role", "Get-User", "Invoke-ReorgPlan", "New-Group", "New-ReorgPlan", "New-UserInvitation",
             "Remove-UserGroup", "Set-UserAttribute", "Start-BulkJob", "Test-ReorgPlan", "Wait-BulkJob"],
            _module.Cmdlets.Select(c => c.Name).Order());
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb()
    {
        var approved = _module.ApprovedVerbs();
        Assert.Contains("Get", approved);
        Assert.All(_module.Cmdlets, c => Assert.True(approved.Contains(c.Verb), $"{c.Name} uses the unapproved verb {c.Verb}"));
    }

    [Fact]
    public void Invite_User_is_an_alias_of_New_UserInvitation()
    {
        Assert.Equal(["Invite-User"], _module.Cmdlet("New-UserInvitation").Aliases);
    }

    [Theory]
    [MemberData(nameof(StateChangingCmdlets))]
    public void State_changing_cmdlets_support_WhatIf_and_Confirm(string name)
    {
        Assert.DoesNotContain(_module.Cmdlet(name).Verb, ReadOnlyVerbs);
        Assert.True(_module.Cmdlet(name).SupportsShouldProcess, $"{name} does not support ShouldProcess");
    }

    [Fact]
    public void Every_cmdlet_outside_the_read_only_verbs_is_covered_by_the_ShouldProcess_check()
    {
        Assert.All(_module.Cmdlets.Where(c => !ReadOnlyVerbs.Contains(c.Verb) && !ReadOnlyCommands.Contains(c.Name)), c => Assert.Contains(c.Name, StateChanging));
    }

    [Fact]
    public void Disabling_accounts_asks_for_confirmation_by_default()
    {
        Assert.Equal("High", _module.Cmdlet("Disable-User").ConfirmImpact);
        Assert.All(_module.Cmdlets.Where(c => c.Name != "Disable-User" && c.SupportsShouldProcess), c => Assert.Equal("Medium", c.ConfirmImpact));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        Assert.All(_module.Cmdlets, c => Assert.True(c.HasOutputType, $"{c.Name} has no [OutputType]"));
    }

    [Theory]
    [InlineData("Add-UserGroup", "User")]
    [InlineData("Remove-UserGroup", "User")]
    [InlineData("Set-UserAttribute", "User")]
    [InlineData("Disable-User", "User")]
    [InlineData("Enable-User", "User")]
    [InlineData("Get-User", "User")]
    public void User_parameters_bind_the_usual_csv_columns_by_property_name(string cmdlet, string parameter)
    {
        var property = _module.Cmdlet(cmdlet).Parameter(parameter);
        Assert.True(CmdletInfo.Flag(property, "ValueFromPipelineByPropertyName"));
        Assert.Equal(UserColumnAliases.Order(), ModuleAssembly.AliasNames(property).Order());
    }

    [Theory]
    [InlineData("New-UserInvitation", "Email", new[] { "Mail", "EmailAddress", "UserPrincipalName" })]
    [InlineData("New-UserInvitation", "Group", new[] { "Groups", "GroupName" })]
    [InlineData("Add-UserGroup", "Group", new[] { "Groups", "GroupName" })]
    // No Groups alias: a user object's Groups are the groups it is in, never the ones to remove it from.
    [InlineData("Remove-UserGroup", "Group", new[] { "GroupName" })]
    [InlineData("New-Group", "Name", new[] { "GroupName", "Group" })]
    [InlineData("Set-UserAttribute", "Department", new string[0])]
    [InlineData("Set-UserAttribute", "Title", new[] { "JobTitle" })]
    [InlineData("Start-BulkJob", "Email", new[] { "Mail", "EmailAddress", "UserPrincipalName" })]
    [InlineData("Start-BulkJob", "LastName", new[] { "last_name", "Surname" })]
    [InlineData("Start-BulkJob", "Team", new[] { "Teams", "Group", "Groups" })]
    public void Row_parameters_bind_by_property_name_with_their_aliases(string cmdlet, string parameter, string[] aliases)
    {
        var property = _module.Cmdlet(cmdlet).Parameter(parameter);
        Assert.True(CmdletInfo.Flag(property, "ValueFromPipelineByPropertyName"));
        Assert.Equal(aliases.Order(), ModuleAssembly.AliasNames(property).Order());
    }

    [Theory]
    [MemberData(nameof(RowCmdlets))]
    public void Row_taking_cmdlets_keep_the_pipeline_object_so_failed_rows_can_be_piped_again(string name)
    {
        var input = _module.Cmdlet(name).Parameter("InputObject");
        Assert.Equal("PSObject", input.PropertyType.Name);
        Assert.True(CmdletInfo.Flag(input, "ValueFromPipeline"));
        Assert.True(CmdletInfo.Flag(input, "DontShow"));
    }

    [Fact]
    public void Every_command_that_reads_the_platform_takes_a_Connection()
    {
        Assert.All(_module.Cmdlets.Where(c => c.Noun != "UserMgmt" && c.Verb != "Test"), c => Assert.Equal("UserMgmtConnection", c.Parameter("Connection").PropertyType.Name));
    }

    [Fact]
    public void Secrets_are_never_plain_string_parameters()
    {
        var connect = _module.Cmdlet("Connect-UserMgmt");
        Assert.Equal("SecureString", connect.Parameter("SecretKey").PropertyType.Name);
        Assert.Equal("PSCredential", connect.Parameter("Credential").PropertyType.Name);
        Assert.DoesNotContain(_module.Cmdlets.SelectMany(c => c.Parameters),
            p => p.PropertyType.Name == "String" && (p.Name.Contains("Secret") || p.Name.Contains("Password") || p.Name.Contains("Token")));
    }

    [Fact]
    public void Every_command_that_calls_the_platform_takes_retry_and_timeout_settings()
    {
        Assert.All(_module.Cmdlets.Where(c => (c.Noun != "UserMgmt" || c.Verb == "Connect") && c.Verb != "Test"), c =>
        {
            Assert.Equal("Int32", c.Parameter("MaxRetry").PropertyType.Name);
            Assert.Equal("Double", c.Parameter("RetryDelay").PropertyType.Name);
            Assert.Equal("Int32", c.Parameter("TimeoutSec").PropertyType.Name);
        });
    }

    [Theory]
    [MemberData(nameof(RowCmdlets))]
    public void Bulk_cmdlets_take_a_throttle_limit_and_a_deadline(string name)
    {
        var cmdlet = _module.Cmdlet(name);
        Assert.Equal("Int32", cmdlet.Parameter("ThrottleLimit").PropertyType.Name);
        Assert.Equal("Int32", cmdlet.Parameter("DeadlineSec").PropertyType.Name);
    }

    [Theory]
    [InlineData("New-UserInvitation", "Group", "GroupNameCompleter")]
    [InlineData("Add-UserGroup", "Group", "GroupNameCompleter")]
    [InlineData("Remove-UserGroup", "Group", "GroupNameCompleter")]
    [InlineData("Get-Group", "Name", "GroupNameCompleter")]
    [InlineData("Start-BulkJob", "Role", "RoleNameCompleter")]
    [InlineData("Start-BulkJob", "Team", "GroupNameCompleter")]
    [InlineData("Get-BulkJob", "Id", "JobIdCompleter")]
    [InlineData("Wait-BulkJob", "Id", "JobIdCompleter")]
    [InlineData("Get-BulkJobError", "Id", "JobIdCompleter")]
    public void Names_the_user_would_otherwise_have_to_remember_complete_with_Tab(string cmdlet, string parameter, string completer)
    {
        var attribute = ModuleAssembly.Attribute(_module.Cmdlet(cmdlet).Parameter(parameter), "ArgumentCompleterAttribute");
        Assert.NotNull(attribute);
        Assert.Equal(completer, ((Type)attribute.ConstructorArguments[0].Value!).Name);
    }

    [Theory]
    [InlineData("New-UserInvitation", "SendEmail")]
    [InlineData("Start-BulkJob", "MaxChatLimitEnabled")]
    public void Yes_no_columns_from_spreadsheets_bind_to_true_false_parameters(string cmdlet, string parameter)
    {
        var property = _module.Cmdlet(cmdlet).Parameter(parameter);
        Assert.NotNull(ModuleAssembly.Attribute(property, "LooseBooleanAttribute"));
        Assert.True(CmdletInfo.Flag(property, "ValueFromPipelineByPropertyName"));
    }
}
