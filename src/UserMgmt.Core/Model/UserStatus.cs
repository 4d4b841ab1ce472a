namespace UserMgmt.Model;

/// <summary>Where a user stands on a platform, whatever the platform calls it.</summary>
public enum UserStatus
{
    Active,
    Invited,
    Inactive,
}
