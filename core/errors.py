"""Error pages: for the API's paths, the error as JSON (`{"detail": ...}`), like every other
API answer; for pages, a page with the site's navigation and a way on."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

MESSAGES = {
    400: "The request is malformed.",
    403: "You may not do this.",
    404: "There is nothing here.",
    500: "Something failed on our side; it has been noted. Try again later.",
}


def answer(request, status, template):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGES[status]}, status=status)
    return render(request, template, {"status": status, "message": MESSAGES[status]}, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return answer(request, 400, "400.html")


@requires_csrf_token
def permission_denied(request, exception=None):
    response = answer(request, 403, "403.html")
    if not request.path.startswith("/api/") and exception and str(exception):
        # The reason the view gave, if it gave one in words.
        response = render(
            request,
            "403.html",
            {"status": 403, "message": MESSAGES[403], "reason": str(exception)},
            status=403,
        )
    return response


@requires_csrf_token
def page_not_found(request, exception=None):
    return answer(request, 404, "404.html")


@requires_csrf_token
def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGES[500]}, status=500)
    # No context processors on a 500: the page must not fail in turn.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({}))
