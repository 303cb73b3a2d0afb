namespace Crm.Client.Infrastructure;

/// <summary>
/// HEAD on the API answers as GET would, without the body (RFC 9110 9.3.2), so the Allow header that routing sends
/// with a 405 tells the truth. Kestrel knows the request was HEAD and drops whatever body the GET handler writes.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseApiHeadAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method) && context.Request.Path.StartsWithSegments("/api"))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
}
