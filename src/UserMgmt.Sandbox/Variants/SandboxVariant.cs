namespace UserMgmt.Sandbox.Variants;

/// <summary>
/// A shape the vendors' sources leave open, which the sandbox can answer in instead of its strict
/// default, so that clients are tested against each shape a real platform might send. Each value's
/// command-line name is its kebab-case spelling (NumericIds: numeric-ids).
/// </summary>
public enum SandboxVariant
{
    /// <summary>CCAI: user ids (System IDs) and agent numbers as JSON numbers.</summary>
    NumericIds,
    /// <summary>CCAI: job counters as null until the platform has counted.</summary>
    NullCounters,
    /// <summary>CCAI: teams and roles as {id, name} without a value flag.</summary>
    MembershipsWithoutValue,
    /// <summary>CCAI: a job's status past the proceed in words no client can know (processing, process_finished, scheme_check_failed).</summary>
    OtherFinalStatus,
    /// <summary>CCAI: an active user's deactivated_at as "", flags as booleans, a missing chat limit as "".</summary>
    LooseUserFields,
    /// <summary>CCAI: every scheme error with row null, as the vendor's only example shows one (a bad email, column 1, row null).</summary>
    SchemeErrorsWithoutRow,
    /// <summary>CCAI: a job's id and counters as numeric strings, its dates as "2026-01-05 10:00:05 UTC".</summary>
    LooseJobFields,
    /// <summary>CCAI: a job's dates as Unix seconds.</summary>
    EpochDates,
    /// <summary>CCAI: the user list pages 100 users at a time (P3's default) whatever per_page asks for.</summary>
    PerPageIgnored,
    /// <summary>Acceldata: PUT of a user's attributes replaces the whole map instead of merging it.</summary>
    AttributesPutReplaces,
    /// <summary>Acceldata: a created group answered with the envelope only, no id.</summary>
    GroupCreateEnvelopeOnly,
    /// <summary>Acceldata: a refused write answered 200 with {"status": false, ...}.</summary>
    ErrorEnvelopeWith200,
    /// <summary>Acceldata: assign-groups/remove-groups take group names in groupIds (the seed's example), not ids.</summary>
    GroupIdsHoldNames,
    /// <summary>Acceldata: assign-groups/remove-groups take {"data": {"groups": [ids]}} (the OpenAPI copy), not groupIds.</summary>
    DataGroupsBody,
    /// <summary>
    /// Acceldata: users/list and groups answer at most AcceldataLimits.CappedPageSize items, whatever max or last asks for,
    /// with meta.total still the count of every match (no source gives an upper bound for either).
    /// </summary>
    PageSizeCapped,
    /// <summary>
    /// Acceldata: a created group answered 201 with the group list's Group shape (membersCount, no members), as the
    /// sandbox did before; O answers 200 with GroupDetails, and P6 lists 201 as a normal code, so both may be met.
    /// </summary>
    GroupCreateListShape,
}
