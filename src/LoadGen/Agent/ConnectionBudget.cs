namespace PerfSuite.LoadGen.Agent;

/// <summary>
/// The agent's connection slots, in two budgets so that connections that have not said hello can never starve
/// runners that have: up to <c>maxGreeted</c> sessions past hello, and up to <c>maxWaiting</c> connections waiting to
/// say it. When the waiting budget is full, a new connection evicts the oldest waiting one rather than being
/// refused: a runner says hello within a round trip, an idle squatter never does, so squatters cannot keep a runner
/// out by holding slots or by reconnecting just before their hello deadline.
/// </summary>
internal sealed class ConnectionBudget(int maxWaiting, int maxGreeted)
{
    private readonly int _maxGreeted = maxGreeted;
    private readonly Lock _gate = new();
    private readonly LinkedList<Slot> _waiting = new();
    private int _greeted;

    /// <summary>A slot for a new connection, in the waiting budget (evicting the oldest waiter when it is full).</summary>
    public Slot Admit()
    {
        var slot = new Slot(this);
        Slot? evicted = null;
        lock (_gate)
        {
            if (_waiting.Count >= maxWaiting)
            {
                evicted = _waiting.First!.Value;
                _waiting.RemoveFirst();
                evicted.Node = null;
            }
            slot.Node = _waiting.AddLast(slot);
        }
        evicted?.Evict();
        return slot;
    }

    /// <summary>One connection's place: first waiting, then (after hello) greeted, until disposed.</summary>
    internal sealed class Slot(ConnectionBudget budget) : IDisposable
    {
        private readonly CancellationTokenSource _evicted = new();
        private bool _greeted;
        private bool _released;

        internal LinkedListNode<Slot>? Node { get; set; }

        /// <summary>Cancelled when a newer connection took this waiting slot: the connection is to be closed.</summary>
        public CancellationToken Evicted => _evicted.Token;

        /// <summary>Moves this connection to the greeted budget; false when that one is full (it stays waiting).</summary>
        public bool TryGreet()
        {
            lock (budget._gate)
            {
                if (_greeted)
                    return true;
                if (budget._greeted >= budget._maxGreeted)
                    return false;
                budget._greeted++;
                _greeted = true;
                if (Node is not null)
                {
                    budget._waiting.Remove(Node);
                    Node = null;
                }
                return true;
            }
        }

        internal void Evict()
        {
            try
            {
                _evicted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection ended meanwhile.
            }
        }

        public void Dispose()
        {
            lock (budget._gate)
            {
                if (_released)
                    return;
                _released = true;
                if (_greeted)
                    budget._greeted--;
                if (Node is not null)
                {
                    budget._waiting.Remove(Node);
                    Node = null;
                }
            }
            _evicted.Dispose();
        }
    }
}
