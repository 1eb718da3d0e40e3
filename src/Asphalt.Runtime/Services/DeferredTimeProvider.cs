namespace Asphalt;

/// <summary>
/// The clock a component's constructor takes: the system clock until <see cref="Bind"/> gives it the
/// context's, then that one.
/// </summary>
internal sealed class DeferredTimeProvider : TimeProvider
{
    private volatile TimeProvider _target = System;

    public override TimeZoneInfo LocalTimeZone => _target.LocalTimeZone;

    public override long TimestampFrequency => _target.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _target.GetUtcNow();

    public override long GetTimestamp() => _target.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _target.CreateTimer(callback, state, dueTime, period);

    public void Bind(TimeProvider target) => _target = target;
}
