using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// The admission rules of <see cref="IReportQueueGrain"/> as plain code: a fixed number of slots, a FIFO of waiting
/// reports, and the report that leads each fingerprint. Everything is held under leases the reports renew by
/// calling again, so a report whose process died stops holding a slot or a place without anyone telling us.
/// </summary>
public sealed class ReportQueue(int slots)
{
    /// <summary>A computing report renews every <see cref="ReportScheduling.SlotRenewal"/>; this is several of those.</summary>
    public static readonly Duration SlotLease = Duration.FromMinutes(2);

    /// <summary>A waiting report asks every <see cref="ReportScheduling.QueuePollInterval"/>; this is many of those.</summary>
    public static readonly Duration PlaceLease = Duration.FromSeconds(15);

    /// <summary>Fingerprints remembered for sharing, finished or not; the oldest are forgotten first.</summary>
    public const int FingerprintsKept = 256;

    private readonly Dictionary<string, Instant> _computing = new(StringComparer.Ordinal);
    private readonly List<(string ReportId, Instant LastSeen)> _waiting = [];
    private readonly Dictionary<string, string> _leaders = new(StringComparer.Ordinal);
    private readonly Queue<string> _fingerprintOrder = new();

    public int Computing => _computing.Count;

    public int Waiting => _waiting.Count;

    public ReportAdmission Enter(string reportId, string fingerprint, Instant now)
    {
        Expire(now);
        if (_leaders.TryGetValue(fingerprint, out var leader))
        {
            if (leader != reportId)
            {
                return ReportAdmission.Follow(leader);
            }
        }
        else
        {
            Remember(fingerprint, reportId);
        }

        if (_computing.ContainsKey(reportId))
        {
            _computing[reportId] = now;
            return ReportAdmission.Granted;
        }

        var place = _waiting.FindIndex(entry => entry.ReportId == reportId);
        if (place < 0)
        {
            _waiting.Add((reportId, now));
            place = _waiting.Count - 1;
        }
        else
        {
            _waiting[place] = (reportId, now);
        }

        // Free slots go to the front of the line; a report further back keeps waiting even if it asks first.
        if (place < slots - _computing.Count)
        {
            _waiting.RemoveAt(place);
            _computing[reportId] = now;
            return ReportAdmission.Granted;
        }

        return ReportAdmission.Queued(place + 1);
    }

    public void Leave(string reportId, bool completed)
    {
        _computing.Remove(reportId);
        _waiting.RemoveAll(entry => entry.ReportId == reportId);
        if (!completed)
        {
            // Its followers must not copy a failure: the next of them to ask leads a new computation.
            StopSharing(reportId);
        }
    }

    /// <summary>No report is told to follow <paramref name="reportId"/> from now on.</summary>
    public void StopSharing(string reportId)
    {
        foreach (var fingerprint in _leaders.Where(pair => pair.Value == reportId).Select(pair => pair.Key).ToArray())
        {
            _leaders.Remove(fingerprint);
        }
    }

    private void Remember(string fingerprint, string reportId)
    {
        _leaders[fingerprint] = reportId;
        _fingerprintOrder.Enqueue(fingerprint);
        while (_fingerprintOrder.Count > FingerprintsKept)
        {
            var oldest = _fingerprintOrder.Dequeue();
            if (!_fingerprintOrder.Contains(oldest))
            {
                _leaders.Remove(oldest);
            }
        }
    }

    private void Expire(Instant now)
    {
        foreach (var (reportId, _) in _computing.Where(pair => now - pair.Value > SlotLease).ToArray())
        {
            _computing.Remove(reportId);
        }

        _waiting.RemoveAll(entry => now - entry.LastSeen > PlaceLease);
    }
}
