"""Refusing input no one types: a NUL or another control character in an API query string is a
400 before any view (the database would refuse a NUL mid-query, a 500). Pages leave it to their
filter forms, which answer with a form error the reader can correct."""

from django.http import JsonResponse

from core.api.serializers_base import CONTROL


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            for key, values in request.GET.lists():
                if CONTROL.search(key) or any(CONTROL.search(v) for v in values):
                    return JsonResponse(
                        {"detail": "The query string holds control characters."}, status=400
                    )
        return self.get_response(request)
