using CarePortal.Domain.Campaigns;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>Sends greetings of one channel. Senders are idempotent by the message's key where the channel allows.</summary>
public interface IGreetingSender
{
    bool Handles(CampaignChannel channel);

    Task SendAsync(GreetingMessage message, CancellationToken cancellationToken);

    /// <summary>How many greetings of one batch may be on their way at once through one session (1: one after the other).</summary>
    int Parallelism => 1;

    /// <summary>What the greetings of one batch share on their way (one SMTP connection and login); by default each goes alone.</summary>
    IGreetingSession OpenSession() => new EachAlone(this);

    private sealed class EachAlone(IGreetingSender sender) : IGreetingSession
    {
        public Task SendAsync(GreetingMessage message, CancellationToken cancellationToken) => sender.SendAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Greetings of one batch through one channel; taken by as many callers at once as the sender's <see cref="IGreetingSender.Parallelism"/>.</summary>
public interface IGreetingSession : IAsyncDisposable
{
    Task SendAsync(GreetingMessage message, CancellationToken cancellationToken);
}

/// <summary>A channel's refusal, kept as the greeting's reason: a <see cref="GreetingFailures"/> code, or what its <c>Store</c> wrote.</summary>
public sealed class GreetingSendException(string reason) : Exception(reason);
