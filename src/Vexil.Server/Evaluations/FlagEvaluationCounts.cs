namespace Vexil.Server.Evaluations;

/// <summary>What the SDKs reported for one flag in one environment: its last evaluation and the answers counted so far.</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Flag">The flag's name.</param>
/// <param name="LastEvaluatedAt">The end of the latest reporting window that counted the flag.</param>
/// <param name="TrueCount">True answers counted, over all reports.</param>
/// <param name="FalseCount">False answers counted, over all reports.</param>
public sealed record FlagEvaluationCounts(string Environment, string Flag, DateTimeOffset LastEvaluatedAt, long TrueCount, long FalseCount);

/// <summary>One flag's counts in one report.</summary>
/// <param name="Flag">The flag's name.</param>
/// <param name="TrueCount">True answers in the window.</param>
/// <param name="FalseCount">False answers in the window.</param>
public sealed record EvaluationCountIncrement(string Flag, long TrueCount, long FalseCount);
