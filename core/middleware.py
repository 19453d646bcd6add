"""Refusing input no one types: a NUL or another control character in the query string is a
400 before any view (the database would refuse it mid-query, a 500)."""

from django.http import HttpResponseBadRequest, JsonResponse

from core.api.serializers_base import CONTROL


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if CONTROL.search(key) or any(CONTROL.search(v) for v in values):
                message = "The query string holds control characters."
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": message}, status=400)
                return HttpResponseBadRequest(message)
        return self.get_response(request)
