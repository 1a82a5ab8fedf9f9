from django.shortcuts import render

from .models import Video


def timeline(request):
    videos = Video.objects.published().for_timeline().chronological()
    return render(request, "videos/timeline.html", {"videos": videos})
