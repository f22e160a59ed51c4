# seisaku: search for Japanese local-government policy documents.
#
#   docker build -t seisaku --build-arg VERSION=$(git describe --always --dirty) .
#   docker run -p 8080:8080 seisaku                       # the bundled samples, in memory
#   docker run -v "$PWD/docs:/docs:ro" -v seisaku-index:/index seisaku index -index /index /docs
#   docker run -p 8080:8080 -v seisaku-index:/index:ro seisaku serve -index /index
#
# The same build command runs outside Docker (see README "Container").

FROM golang:1.26-bookworm AS build
WORKDIR /src
# module download cached in its own layer
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/seisaku ./cmd/seisaku

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/seisaku /usr/local/bin/seisaku
USER nonroot:nonroot
VOLUME ["/index"]
ENV SEISAKU_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD ["/usr/local/bin/seisaku", "health", "-url", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/usr/local/bin/seisaku"]
CMD ["serve"]
